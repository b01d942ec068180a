import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clerkApi } from '../../api/clerk';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';

/** One group per line, spellings separated by 、 , / or ／. */
function parseGroups(text: string): string[][] | null {
  const groups = text
    .split('\n')
    .map((line) => [...new Set(line.split(/[、,，/／]/).map((s) => s.trim()).filter(Boolean))])
    .filter((g) => g.length > 0);
  return groups.every((g) => g.length >= 2) ? groups : null;
}

/** The admin's list of spelling variants that search treats as one (stored as data). */
export function VariantsForm() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [text, setText] = useState<string | null>(null);
  const [message, setMessage] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  useEffect(() => {
    clerkApi.variants().then(
      ({ groups }) => setText(groups.map((g) => g.join('、')).join('\n')),
      (error: unknown) => setMessage({ tone: 'error', text: errorText(error) }),
    );
  }, []);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const groups = parseGroups(text ?? '');
    if (!groups) return setMessage({ tone: 'error', text: t('search.variantsInvalid') });
    try {
      const saved = await clerkApi.saveVariants(groups);
      setText(saved.groups.map((g) => g.join('、')).join('\n'));
      setMessage({ tone: 'info', text: t('search.variantsSaved') });
    } catch (error) {
      setMessage({ tone: 'error', text: errorText(error) });
    }
  };
  return (
    <details className="panel">
      <summary>{t('search.variantsTitle')}</summary>
      <form className="stack" onSubmit={(e) => void save(e)}>
        <div className="field">
          <label htmlFor="variants-text">{t('search.variantsLabel')}</label>
          <textarea id="variants-text" rows={8} aria-describedby="variants-hint" value={text ?? ''} onChange={(e) => setText(e.target.value)} disabled={text === null} />
          <p id="variants-hint" className="hint">
            {t('search.variantsHint')}
          </p>
        </div>
        <div className="button-row">
          <button type="submit" className="button-primary" disabled={text === null}>
            {t('search.variantsSave')}
          </button>
        </div>
        {message && <LiveMessage tone={message.tone}>{message.text}</LiveMessage>}
      </form>
    </details>
  );
}
