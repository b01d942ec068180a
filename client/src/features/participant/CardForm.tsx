import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stage } from '../../../../shared/board/model';
import { type CardKind, trimCardText } from '../../../../shared/cards';
import { LIMITS } from '../../../../shared/limits';
import { KindIcon } from '../../components/KindLabel';
import { LiveMessage } from '../../components/LiveMessage';
import type { NewCard } from '../../realtime/outbox';

interface CardFormProps {
  stages: Stage[];
  /** The kinds to offer (what the current phase allows). */
  kinds: readonly CardKind[];
  /** The board is locked: the form stays (nothing typed is lost) but cannot send. */
  disabled?: boolean;
  onSubmit: (card: NewCard) => void;
  onCancel: () => void;
}

/** Write a card: its kind, an optional journey stage, and the text (with a character count). */
export function CardForm({ stages, kinds, disabled = false, onSubmit, onCancel }: CardFormProps) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<CardKind>(kinds[0] ?? 'issue');
  const [stageId, setStageId] = useState('');
  const [text, setText] = useState('');
  const [empty, setEmpty] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), []);
  // The phase changed and no longer takes the chosen kind: pick one it takes.
  useEffect(() => {
    if (kinds.length > 0 && !kinds.includes(kind)) setKind(kinds[0]);
  }, [kinds, kind]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (disabled) return;
    // The server's own rule for card text (trimmed, 1 to 1000 characters).
    const checked = trimCardText(text);
    if (checked === null) return setEmpty(true);
    onSubmit({ kind, text: checked, ...(stageId ? { stageId } : {}) });
  };

  return (
    <form id="card-form" className="panel stack" onSubmit={submit} noValidate aria-labelledby="card-form-heading">
      <h2 id="card-form-heading" ref={heading} tabIndex={-1}>
        {t('participant.write')}
      </h2>
      <fieldset className="choice-group kind-choices">
        <legend>{t('participant.kind')}</legend>
        {kinds.map((value) => (
          <label key={value} className={`choice kind-${value}`}>
            <input type="radio" name="kind" value={value} checked={kind === value} onChange={() => setKind(value)} />
            <KindIcon kind={value} />
            {t(`cardKind.${value}`)}
          </label>
        ))}
      </fieldset>
      {stages.length > 0 && (
        <div className="field">
          <label htmlFor="card-stage">{t('participant.stage')}</label>
          <select id="card-stage" value={stageId} onChange={(e) => setStageId(e.target.value)}>
            <option value="">{t('participant.stageNone')}</option>
            {stages.map((stage) => (
              <option key={stage.id} value={stage.id}>
                {stage.title}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="card-text">{t('participant.text')}</label>
        <textarea
          id="card-text"
          rows={4}
          maxLength={LIMITS.cardText}
          aria-describedby="card-text-count card-text-error"
          aria-invalid={empty}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setEmpty(false);
          }}
        />
        <p id="card-text-count" className="hint">
          {t('participant.textCount', { count: text.length, max: LIMITS.cardText })}
        </p>
      </div>
      <LiveMessage id="card-text-error" tone="error">
        {empty && t('participant.textRequired')}
      </LiveMessage>
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={disabled}>
          {t('participant.send')}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
