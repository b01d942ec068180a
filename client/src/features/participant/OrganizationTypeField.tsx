import { useTranslation } from 'react-i18next';
import { ORGANIZATION_TYPES } from '../../../../shared/organization-type-ids';
import { api } from '../../api/endpoints';
import { useLoad } from '../../app/use-load';

interface OrganizationTypeFieldProps {
  /** The session's join code, once known to be right: its space's types are offered ('' : not yet). */
  joinCode: string;
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  errorId: string;
}

/** The organisation types the server offers for this session (its space's), as a radio group labelled in the UI language. */
export function OrganizationTypeField({ joinCode, value, onChange, invalid, errorId }: OrganizationTypeFieldProps) {
  const { t } = useTranslation();
  // Until the code is known, the list waits (the defaults below are shown meanwhile).
  const [types] = useLoad(() => (joinCode ? api.joinOrganizationTypes(joinCode) : new Promise<never>(() => undefined)), [joinCode]);
  // The server's stored list is the one to offer (with the admin's labels); the defaults, for a failed request.
  const offered = types.state === 'done' ? types.value : ORGANIZATION_TYPES.map((id) => ({ id, label: t(`organizationType.${id}`) }));
  return (
    <fieldset className="choice-group" aria-describedby={invalid ? errorId : undefined}>
      <legend>{t('join.organizationType')}</legend>
      {offered.map(({ id, label }) => (
        <label key={id} className="choice">
          <input type="radio" name="organizationType" value={id} checked={value === id} required onChange={() => onChange(id)} />
          {label}
        </label>
      ))}
    </fieldset>
  );
}
