import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/endpoints';
import { LiveMessage } from '../components/LiveMessage';
import { JoinPreviewView, useJoinPreview } from '../features/participant/JoinPreview';
import { useLoad } from './use-load';

const JOIN_CODE = /^[0-9]{6}$/;

/** Keep the digits only, turning full-width ones (typed with a Japanese IME) into ASCII. */
function digitsOnly(value: string): string {
  return value.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[^0-9]/g, '');
}

/** The start page: join with a code, or sign in (or set up the first account). */
export function HomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [setup] = useLoad(() => api.setupNeeded(), []);
  // Once six digits are in, say which workshop they lead to (or that none does) before going on.
  const preview = useJoinPreview(code);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!JOIN_CODE.test(code)) return setInvalid(true);
    navigate(`/j/${code}`);
  };

  return (
    <div className="stack">
      <h1>
        {t('app.name')}
        <span className="tagline">{t('app.tagline')}</span>
      </h1>
      <section className="panel" aria-labelledby="join-heading">
        <h2 id="join-heading">{t('home.joinTitle')}</h2>
        <form onSubmit={submit} className="stack" noValidate>
          <div className="field">
            <label htmlFor="join-code">{t('home.joinCode')}</label>
            <input
              id="join-code"
              className="input-code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              value={code}
              aria-invalid={invalid}
              aria-describedby="join-code-error"
              onChange={(e) => {
                setCode(digitsOnly(e.target.value));
                setInvalid(false);
              }}
            />
          </div>
          <LiveMessage id="join-code-error" tone="error">
            {invalid && t('home.joinCodeInvalid')}
          </LiveMessage>
          <JoinPreviewView result={preview} headingLevel={2} />
          <button type="submit" className="button-primary">
            {t('home.joinSubmit')}
          </button>
        </form>
      </section>
      <section className="panel" aria-labelledby="staff-heading">
        <h2 id="staff-heading">{t('home.staffTitle')}</h2>
        {setup.state === 'done' && setup.value.needed ? (
          <p>
            {t('home.setupNeeded')} <Link to="/setup">{t('home.setupLink')}</Link>
          </p>
        ) : (
          <p>
            <Link to="/login">{t('home.loginLink')}</Link>
          </p>
        )}
      </section>
    </div>
  );
}
