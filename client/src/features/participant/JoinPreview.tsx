import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JoinPreview } from '../../../../shared/schemas/api';
import { api } from '../../api/endpoints';
import { ApiError } from '../../api/http';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';

/** Where a code's lookup stands: asked, the session it names, none (404), or another error. */
export type PreviewState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'found'; preview: JoinPreview }
  | { state: 'missing' }
  | { state: 'failed'; error: unknown };

/** `GET /api/join/:code` for a six-digit code (nothing for anything else), asked again when the code changes. */
export function useJoinPreview(code: string): PreviewState {
  const [result, setResult] = useState<PreviewState>({ state: 'idle' });
  useEffect(() => {
    if (!/^[0-9]{6}$/.test(code)) return setResult({ state: 'idle' });
    let current = true;
    setResult({ state: 'loading' });
    api.previewJoin(code).then(
      (preview) => current && setResult({ state: 'found', preview }),
      (error: unknown) => current && setResult(error instanceof ApiError && error.status === 404 ? { state: 'missing' } : { state: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [code]);
  return result;
}

/** The session's title, venue and date, or that it ended or that the code names nothing. */
export function JoinPreviewView({ result, headingLevel = 2 }: { result: PreviewState; headingLevel?: 1 | 2 }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  switch (result.state) {
    case 'idle':
      return null;
    case 'loading':
      return <p role="status">{t('join.previewLoading')}</p>;
    case 'missing':
      return <LiveMessage tone="error">{t('join.notFound')}</LiveMessage>;
    case 'failed':
      // No answer (offline, too many tries): the form stays, and joining says what is wrong.
      return <LiveMessage tone="error">{errorText(result.error)}</LiveMessage>;
    case 'found': {
      const { title, venue, heldOn, status } = result.preview;
      const date = heldOn ? new Date(`${heldOn}T00:00:00`).toLocaleDateString(i18n.language, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' }) : null;
      return (
        <div className="join-preview">
          <Heading className="join-preview-title">{t('join.preview', { title })}</Heading>
          {(venue || date) && (
            <p className="muted">
              {venue && <span>{t('join.previewVenue', { venue })}</span>} {date && <span>{t('join.previewDate', { date })}</span>}
            </p>
          )}
          {status === 'closed' && (
            <div className="message" role="status">
              <p>
                <strong>{t('join.closed')}</strong>
              </p>
              <p>{t('join.closedHint')}</p>
            </div>
          )}
        </div>
      );
    }
  }
}
