import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { clerkApi } from '../../api/clerk';
import { useAction } from '../../app/use-action';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';

/** `/set-password/:token`: the person an account was made for sets its password, once. */
export function SetPasswordPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { token = '' } = useParams();
  const [link] = useLoad(() => clerkApi.previewLink(token), [token]);
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await action.run(() => clerkApi.useLink(token, password).then(() => true))) setDone(true);
  };
  return (
    <div className="stack narrow">
      <h1>{t('setPassword.title')}</h1>
      {link.state === 'loading' && <p>{t('common.loading')}</p>}
      {link.state === 'failed' && <LiveMessage tone="error">{errorText(link.error)}</LiveMessage>}
      {done && (
        <>
          <LiveMessage>{t('setPassword.done')}</LiveMessage>
          <Link to="/login">{t('setPassword.login')}</Link>
        </>
      )}
      {link.state === 'done' && !done && (
        <form className="stack" onSubmit={(e) => void submit(e)}>
          <p>{t('setPassword.for', { name: link.value.displayName, email: link.value.email })}</p>
          <input type="email" name="username" autoComplete="username" value={link.value.email} hidden readOnly />
          <div className="field">
            <label htmlFor="set-password">{t('setPassword.password')}</label>
            <input id="set-password" type="password" autoComplete="new-password" required minLength={12} value={password} onChange={(e) => setPassword(e.target.value)} />
          </div>
          <LiveMessage tone={action.message?.tone}>{action.message?.text}</LiveMessage>
          <button type="submit" className="button-primary" disabled={action.busy}>
            {t('setPassword.submit')}
          </button>
        </form>
      )}
    </div>
  );
}
