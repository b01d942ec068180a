import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../../shared/limits';
import type { SessionView } from '../../../../../shared/schemas/api';
import { api } from '../../../api/endpoints';
import { useAction } from '../../../app/use-action';
import { LiveMessage } from '../../../components/LiveMessage';

/** The session's title and theme (the question the workshop works on). */
export function ThemeForm({ session, onChange }: { session: SessionView; onChange: (session: SessionView) => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(session.title);
  const [theme, setTheme] = useState(session.theme);
  const action = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = await action.run(() => api.patchSession(session.id, { title: title.trim(), theme: theme.trim() }), () => t('prep.saved'));
    if (next) onChange(next);
  };

  return (
    <section className="panel" aria-labelledby="prep-theme-heading">
      <h2 id="prep-theme-heading">{t('prep.themeTitle')}</h2>
      <form className="stack" onSubmit={submit}>
        <div className="field">
          <label htmlFor="prep-title">{t('facilitator.sessionTitle')}</label>
          <input id="prep-title" required maxLength={LIMITS.sessionTitle} value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="prep-theme">{t('prep.theme')}</label>
          <textarea id="prep-theme" rows={2} maxLength={200} value={theme} onChange={(e) => setTheme(e.target.value)} />
        </div>
        <button type="submit" disabled={action.busy}>
          {t('common.save')}
        </button>
        <LiveMessage tone={action.message?.tone}>{action.message?.text}</LiveMessage>
      </form>
    </section>
  );
}
