import { useTranslation } from 'react-i18next';
import { isOrganizationType, ORGANIZATION_TYPES } from '../../../../shared/organization-types';
import { api } from '../../api/endpoints';
import { useLoad } from '../../app/use-load';

interface OrganizationTypeFieldProps {
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  errorId: string;
}

/** The organisation types the server offers, as a radio group labelled in the UI language. */
export function OrganizationTypeField({ value, onChange, invalid, errorId }: OrganizationTypeFieldProps) {
  const { t } = useTranslation();
  const [types] = useLoad(() => api.organizationTypes(), []);
  // The server's list is the one to offer; the shared list is the same ids, for a failed request.
  const ids = types.state === 'done' ? types.value.map((type) => type.id) : ORGANIZATION_TYPES;
  return (
    <fieldset className="choice-group" aria-describedby={invalid ? errorId : undefined}>
      <legend>{t('join.organizationType')}</legend>
      {ids.map((id) => (
        <label key={id} className="choice">
          <input type="radio" name="organizationType" value={id} checked={value === id} required onChange={() => onChange(id)} />
          {isOrganizationType(id) ? t(`organizationType.${id}`) : id}
        </label>
      ))}
    </fieldset>
  );
}
