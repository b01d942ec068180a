import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LIMITS } from '../../../../shared/limits';
import type { SessionView } from '../../../../shared/schemas/api';
import { api } from '../../api/endpoints';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';

/**
 * Create a session: a title, a template (programme, tables), an optional theme, and optionally
 * the persona and journey of an earlier session. Then on to preparing it.
 */
export function CreateSessionForm({ sessions, spaceId }: { sessions: SessionView[]; spaceId?: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [templates] = useLoad(() => api.listTemplates(), []);
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState('community-lab');
  const [theme, setTheme] = useState('');
  const [copyFrom, setCopyFrom] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api.createSession({
        title: title.trim(),
        template,
        ...(theme.trim() ? { theme: theme.trim() } : {}),
        ...(copyFrom ? { copyFrom } : {}),
        ...(spaceId ? { spaceId } : {}),
      });
      navigate(`/facilitator/sessions/${session.id}`);
    } catch (caught) {
      setError(errorText(caught));
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="create-heading">
      <h2 id="create-heading">{t('facilitator.createTitle')}</h2>
      <form className="form-grid" onSubmit={submit}>
        <div className="field">
          <label htmlFor="session-title">{t('facilitator.sessionTitle')}</label>
          <input id="session-title" required maxLength={LIMITS.sessionTitle} value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="session-template">{t('facilitator.template')}</label>
          <select id="session-template" value={template} onChange={(e) => setTemplate(e.target.value)}>
            {templates.state === 'done'
              ? templates.value.filter((tpl) => !spaceId || tpl.spaceId === null || tpl.spaceId === spaceId).map((tpl) => (
                  <option key={tpl.id} value={tpl.id}>
                    {tpl.name}
                  </option>
                ))
              : <option value="community-lab">{t('template.community-lab')}</option>}
          </select>
        </div>
        <div className="field">
          <label htmlFor="session-theme">{t('facilitator.theme')}</label>
          <input id="session-theme" maxLength={200} value={theme} onChange={(e) => setTheme(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="session-copy-from">{t('facilitator.copyFrom')}</label>
          <select id="session-copy-from" value={copyFrom} onChange={(e) => setCopyFrom(e.target.value)}>
            <option value="">{t('facilitator.copyNone')}</option>
            {sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button-primary" disabled={busy}>
          {t('facilitator.create')}
        </button>
      </form>
      <LiveMessage tone="error">{error}</LiveMessage>
    </section>
  );
}
