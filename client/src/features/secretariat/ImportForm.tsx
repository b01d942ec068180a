import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/http';
import { secretariatApi } from '../../api/secretariat';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import { useWorkingSpace } from '../spaces/working-space';

type Outcome = { tone: 'info'; id: string } | { tone: 'error'; text: string } | null;

/** Import a session's JSON export (from this or another Yoriai) as a new session of this account. */
export function ImportForm() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const { scopeId } = useWorkingSpace();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = file.current?.files?.[0];
    if (!chosen) return setOutcome({ tone: 'error', text: t('archive.importChoose') });
    setBusy(true);
    setOutcome(null);
    try {
      let exported: unknown;
      try {
        exported = JSON.parse(await chosen.text());
      } catch {
        return setOutcome({ tone: 'error', text: t('archive.importInvalid') });
      }
      const { id } = await secretariatApi.importSession(exported, scopeId);
      setOutcome({ tone: 'info', id });
      if (file.current) file.current.value = '';
    } catch (caught) {
      const invalid = caught instanceof ApiError && caught.code === 'bad_request';
      setOutcome({ tone: 'error', text: invalid ? t('archive.importInvalid') : errorText(caught) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel no-print" aria-labelledby="import-heading">
      <h2 id="import-heading">{t('archive.importTitle')}</h2>
      <form className="stack" onSubmit={submit}>
        <div className="field">
          <label htmlFor="import-file">{t('archive.importFile')}</label>
          <input id="import-file" ref={file} type="file" accept="application/json,.json" />
        </div>
        <LiveMessage tone={outcome?.tone ?? 'info'}>
          {outcome?.tone === 'error' ? (
            outcome.text
          ) : outcome?.tone === 'info' ? (
            <>
              {t('archive.imported')} <Link to={`/secretariat/sessions/${outcome.id}/report`}>{t('archive.importOpen')}</Link>
            </>
          ) : null}
        </LiveMessage>
        <button type="submit" className="button-primary" disabled={busy}>
          {t('archive.importSubmit')}
        </button>
      </form>
    </section>
  );
}
