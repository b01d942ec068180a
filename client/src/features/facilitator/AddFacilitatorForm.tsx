import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/endpoints';
import { LiveMessage } from '../../components/LiveMessage';
import { type AccountValues, AccountFields } from './AccountFields';
import { useErrorText } from '../../components/error-text';

const EMPTY: AccountValues = { email: '', password: '', displayName: '' };

/** An admin adds a facilitator (or another admin) account. */
export function AddFacilitatorForm() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [values, setValues] = useState<AccountValues>(EMPTY);
  const [role, setRole] = useState<'facilitator' | 'admin'>('facilitator');
  const [message, setMessage] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const account = await api.createUser({ ...values, role });
      setMessage({ tone: 'info', text: t('facilitator.userAdded', { name: account.displayName }) });
      setValues(EMPTY);
    } catch (caught) {
      setMessage({ tone: 'error', text: errorText(caught) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="add-user-heading">
      <h2 id="add-user-heading">{t('facilitator.addUserTitle')}</h2>
      <form className="stack narrow" onSubmit={submit}>
        <AccountFields values={values} onChange={setValues} idPrefix="new-user" purpose="new-account" />
        <div className="field">
          <label htmlFor="new-user-role">{t('account.role')}</label>
          <select id="new-user-role" value={role} onChange={(e) => setRole(e.target.value === 'admin' ? 'admin' : 'facilitator')}>
            <option value="facilitator">{t('account.role.facilitator')}</option>
            <option value="admin">{t('account.role.admin')}</option>
          </select>
        </div>
        <LiveMessage tone={message?.tone}>{message?.text}</LiveMessage>
        <button type="submit" disabled={busy}>
          {t('facilitator.addUser')}
        </button>
      </form>
    </section>
  );
}
