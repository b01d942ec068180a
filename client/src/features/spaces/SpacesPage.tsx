import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAction } from '../../app/use-action';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import { useAccount } from '../facilitator/AccountGate';
import { SecretariatNav } from '../secretariat/SecretariatNav';
import { spacesApi } from './spaces-api';
import { reloadSpaces, useWorkingSpace } from './working-space';
import './spaces.css';

/** `/secretariat/spaces`: the account's spaces with a link to each one's settings; an admin creates spaces here. */
export function SpacesPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const account = useAccount();
  const { spaces, failed } = useWorkingSpace();
  return (
    <div className="stack">
      <SecretariatNav />
      <h1>{t('spaces.title')}</h1>
      <p className="hint">{t('spaces.intro')}</p>
      {failed ? <LiveMessage tone="error">{errorText(failed)}</LiveMessage> : null}
      {!spaces && !failed && <p className="muted">{t('common.loading')}</p>}
      {spaces && spaces.length === 0 && <p>{t('spaces.none')}</p>}
      {spaces && spaces.length > 0 && (
        <ul className="session-list" aria-label={t('spaces.listCaption')}>
          {spaces.map((s) => (
            <li key={s.id}>
              <Link to={`/secretariat/spaces/${encodeURIComponent(s.id)}`} className="session-link" aria-label={t('spaces.open', { name: s.name })}>
                {s.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {account.role === 'admin' && <CreateSpaceForm />}
    </div>
  );
}

function CreateSpaceForm() {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const wanted = name.trim();
    const made = await action.run(() => spacesApi.create(wanted), () => t('spaces.created', { name: wanted }));
    if (!made) return;
    setName('');
    reloadSpaces();
  };
  return (
    <section className="panel" aria-labelledby="space-create-heading">
      <h2 id="space-create-heading">{t('spaces.createTitle')}</h2>
      <form className="form-grid" onSubmit={submit}>
        <div className="field">
          <label htmlFor="space-name">{t('spaces.createName')}</label>
          <input id="space-name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit" disabled={action.busy}>
          {t('spaces.create')}
        </button>
      </form>
      <LiveMessage tone={action.message?.tone}>{action.message?.text ?? ''}</LiveMessage>
    </section>
  );
}
