import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clerkApi } from '../../api/clerk';
import { useAction } from '../../app/use-action';
import { LiveMessage } from '../../components/LiveMessage';

/** The signed-in person changes their own password (the current one first; 12 characters or more). */
export function PasswordChangeForm() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await action.run(() => clerkApi.changePassword(current, next).then(() => true), () => t('password.changed'));
    if (done) {
      setCurrent('');
      setNext('');
    }
  };
  return (
    <details className="panel">
      <summary>{t('password.changeTitle')}</summary>
      <form className="stack narrow" onSubmit={(e) => void submit(e)}>
        <input type="text" name="username" autoComplete="username" hidden readOnly />
        <div className="field">
          <label htmlFor="password-current">{t('password.current')}</label>
          <input id="password-current" type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="password-new">{t('password.new')}</label>
          <input id="password-new" type="password" autoComplete="new-password" required minLength={12} value={next} onChange={(e) => setNext(e.target.value)} />
        </div>
        <LiveMessage tone={action.message?.tone}>{action.message?.text}</LiveMessage>
        <button type="submit" disabled={action.busy}>
          {t('password.change')}
        </button>
      </form>
    </details>
  );
}
