import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { memberApi, type OrganizationView } from '../../api/directory';
import { useAction } from '../../app/use-action';
import { LiveMessage } from '../../components/LiveMessage';

const FIELDS = ['contactName', 'email', 'phone', 'url'] as const;
type Field = (typeof FIELDS)[number];
const INPUT_TYPE: Record<Field, string> = { contactName: 'text', email: 'email', phone: 'tel', url: 'url' };

/**
 * The member's own contact details, behind its update link. Its membership, type and status stay
 * the secretariat's (the server takes only these fields from a link).
 */
export function MemberOrganizationForm({ token, organization, onSaved }: { token: string; organization: OrganizationView; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<Field, string>>(() => ({ contactName: organization.contactName, email: organization.email, phone: organization.phone, url: organization.url }));
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = Object.fromEntries(FIELDS.map((f) => [f, values[f].trim()]));
    if (await action.run(() => memberApi.changeOrganization(token, body), () => t('dir.member.detailsSaved'))) await onSaved();
  };
  return (
    <form className="stack" onSubmit={submit}>
      {FIELDS.map((field) => (
        <div className="field" key={field}>
          <label htmlFor={`member-org-${field}`}>{t(`dir.org.${field}`)}</label>
          <input id={`member-org-${field}`} type={INPUT_TYPE[field]} maxLength={field === 'url' ? 500 : 200} value={values[field]} onChange={(e) => setValues({ ...values, [field]: e.target.value })} />
        </div>
      ))}
      <button type="submit" className="button-primary" disabled={action.busy}>
        {t('dir.member.saveDetails')}
      </button>
      <LiveMessage tone={action.message?.tone}>{action.message?.text}</LiveMessage>
    </form>
  );
}
