import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/endpoints';
import { ApiError } from '../../api/http';
import { LiveMessage } from '../../components/LiveMessage';
import { type AccountValues, AccountFields } from './AccountFields';
import { useErrorText } from '../../components/error-text';

/** Sign in with email and password, then go to the sessions. */
export function LoginPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [values, setValues] = useState<AccountValues>({ email: '', password: '', displayName: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.login({ email: values.email, password: values.password });
      navigate('/facilitator');
    } catch (caught) {
      const wrong = caught instanceof ApiError && (caught.status === 401 || caught.code === 'bad_request');
      setError(wrong ? t('login.wrong') : errorText(caught));
      setBusy(false);
    }
  };

  return (
    <div className="stack narrow">
      <h1>{t('login.title')}</h1>
      <form className="panel stack" onSubmit={submit}>
        <AccountFields values={values} onChange={setValues} idPrefix="login" purpose="login" />
        <LiveMessage tone="error">{error}</LiveMessage>
        <button type="submit" className="button-primary" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
    </div>
  );
}
