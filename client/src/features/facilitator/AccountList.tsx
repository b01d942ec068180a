import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AccountListEntry, clerkApi, type PasswordLinkView } from '../../api/clerk';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import './accounts.css';

/** A set-password link, shown once: the admin copies it and passes it on. */
export function OneTimeLink({ name, link }: { name: string; link: PasswordLinkView }) {
  const { t, i18n } = useTranslation();
  const [copied, setCopied] = useState(false);
  const until = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'ja-JP', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(link.expiresAt));
  return (
    <div className="panel one-time-link stack" role="region" aria-labelledby="one-time-link-heading">
      <h3 id="one-time-link-heading">{t('accounts.linkTitle')}</h3>
      <p>{t('accounts.linkHint', { date: until })}</p>
      <div className="field">
        <label htmlFor="one-time-link">{t('accounts.linkFor', { name })}</label>
        <input id="one-time-link" type="text" readOnly value={link.url} onFocus={(e) => e.target.select()} />
      </div>
      <button
        type="button"
        onClick={() =>
          void navigator.clipboard?.writeText(link.url).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {t('accounts.copy')}
      </button>
      <LiveMessage>{copied ? t('accounts.copied') : ''}</LiveMessage>
    </div>
  );
}

/** Every account, for the admin: role, last sign-in, state; disable or enable; a new set-password link. */
export function AccountList({ version }: { version: number }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [accounts, setAccounts] = useLoad(() => clerkApi.accounts(), [version]);
  const [link, setLink] = useState<{ name: string; link: PasswordLinkView } | null>(null);
  const [message, setMessage] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  useEffect(() => setLink(null), [version]);
  const moment = (iso: string) => new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'ja-JP', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const roleLabel = (role: AccountListEntry['role']) => (role === 'secretariat' ? t('accounts.roleSecretariat') : t(`account.role.${role}`));

  const toggle = async (a: AccountListEntry) => {
    setMessage(null);
    try {
      const saved = await clerkApi.setDisabled(a.id, !a.disabled);
      if (accounts.state === 'done') setAccounts(accounts.value.map((x) => (x.id === saved.id ? saved : x)));
    } catch (error) {
      setMessage({ tone: 'error', text: errorText(error) });
    }
  };
  const relink = async (a: AccountListEntry) => {
    setMessage(null);
    try {
      setLink({ name: a.displayName, link: await clerkApi.newPasswordLink(a.id) });
    } catch (error) {
      setMessage({ tone: 'error', text: errorText(error) });
    }
  };

  if (accounts.state === 'loading') return <p>{t('common.loading')}</p>;
  if (accounts.state === 'failed') return <LiveMessage tone="error">{errorText(accounts.error)}</LiveMessage>;
  return (
    <div className="stack">
      <h3 id="accounts-heading">{t('accounts.title')}</h3>
      <div className="accounts-scroll" role="region" aria-labelledby="accounts-heading" tabIndex={0}>
        <table className="accounts-table">
          <caption className="visually-hidden">{t('accounts.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('accounts.name')}</th>
              <th scope="col">{t('account.email')}</th>
              <th scope="col">{t('account.role')}</th>
              <th scope="col">{t('accounts.lastLogin')}</th>
              <th scope="col">{t('accounts.state')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('register.details')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {accounts.value.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.displayName}</th>
                <td>{a.email}</td>
                <td>{roleLabel(a.role)}</td>
                <td>{a.lastLoginAt ? moment(a.lastLoginAt) : t('accounts.never')}</td>
                <td>{a.disabled ? t('accounts.disabled') : a.passwordPending ? t('accounts.pending') : t('accounts.active')}</td>
                <td className="button-row">
                  <button type="button" className="button-quiet" aria-label={t(a.disabled ? 'accounts.enableOf' : 'accounts.disableOf', { name: a.displayName })} onClick={() => void toggle(a)}>
                    {a.disabled ? t('accounts.enable') : t('accounts.disable')}
                  </button>
                  <button type="button" className="button-quiet" aria-label={t('accounts.newLinkOf', { name: a.displayName })} onClick={() => void relink(a)}>
                    {t('accounts.newLink')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LiveMessage tone={message?.tone}>{message?.text}</LiveMessage>
      {link && <OneTimeLink name={link.name} link={link.link} />}
    </div>
  );
}
