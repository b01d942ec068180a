import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/endpoints';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { type AccountValues, AccountFields } from './AccountFields';
import { useErrorText } from '../../components/error-text';

/** First visit: create the first administrator account, then go to the sessions. */
export function SetupPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [needed] = useLoad(() => api.setupNeeded(), []);
  const [values, setValues] = useState<AccountValues>({ email: '', password: '', displayName: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.setup(values);
      navigate('/facilitator');
    } catch (caught) {
      setError(errorText(caught));
      setBusy(false);
    }
  };

  if (needed.state === 'loading') return <p>{t('common.loading')}</p>;
  if (needed.state === 'done' && !needed.value.needed) {
    return (
      <div className="stack narrow">
        <h1>{t('setup.title')}</h1>
        <p>
          {t('setup.alreadyDone')} <Link to="/login">{t('home.loginLink')}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="stack narrow">
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <form className="panel stack" onSubmit={submit}>
        <AccountFields values={values} onChange={setValues} idPrefix="setup" purpose="new-account" />
        <LiveMessage tone="error">{error}</LiveMessage>
        <button type="submit" className="button-primary" disabled={busy}>
          {t('setup.submit')}
        </button>
      </form>
    </div>
  );
}
