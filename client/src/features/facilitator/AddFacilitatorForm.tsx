import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clerkApi, type PasswordLinkView } from '../../api/clerk';
import { LiveMessage } from '../../components/LiveMessage';
import { type AccountValues, AccountFields } from './AccountFields';
import { AccountList, OneTimeLink } from './AccountList';
import { useErrorText } from '../../components/error-text';
import { useWorkingSpace } from '../spaces/working-space';

const EMPTY: AccountValues = { email: '', password: '', displayName: '' };
type Role = 'facilitator' | 'secretariat' | 'admin';

/**
 * An admin adds a facilitator, a secretariat clerk or another admin. Nobody invents a password
 * for someone else: the account comes with a one-time set-password link, shown here once for
 * the admin to pass on. Below, every account with its last sign-in, to disable or re-link.
 */
export function AddFacilitatorForm() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [values, setValues] = useState<AccountValues>(EMPTY);
  const [role, setRole] = useState<Role>('facilitator');
  // With several spaces, a new account is appointed in the one the admin is working in.
  const { scopeId } = useWorkingSpace();
  const [message, setMessage] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const [link, setLink] = useState<{ name: string; link: PasswordLinkView } | null>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    setLink(null);
    try {
      const account = await clerkApi.createAccount({ email: values.email, displayName: values.displayName, role, ...(scopeId && role !== 'admin' ? { spaceId: scopeId } : {}) });
      setMessage({ tone: 'info', text: t('facilitator.userAdded', { name: account.displayName }) });
      if (account.setPasswordLink) setLink({ name: account.displayName, link: account.setPasswordLink });
      setValues(EMPTY);
      setVersion((v) => v + 1);
    } catch (caught) {
      setMessage({ tone: 'error', text: errorText(caught) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel stack" aria-labelledby="add-user-heading">
      <h2 id="add-user-heading">{t('facilitator.addUserTitle')}</h2>
      <form className="stack narrow" onSubmit={submit}>
        <AccountFields values={values} onChange={setValues} idPrefix="new-user" purpose="invite" />
        <div className="field">
          <label htmlFor="new-user-role">{t('account.role')}</label>
          <select id="new-user-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <option value="facilitator">{t('account.role.facilitator')}</option>
            <option value="secretariat">{t('accounts.roleSecretariat')}</option>
            <option value="admin">{t('account.role.admin')}</option>
          </select>
        </div>
        <LiveMessage tone={message?.tone}>{message?.text}</LiveMessage>
        <button type="submit" disabled={busy}>
          {t('facilitator.addUser')}
        </button>
      </form>
      {link && <OneTimeLink name={link.name} link={link.link} />}
      <AccountList version={version} />
    </section>
  );
}
