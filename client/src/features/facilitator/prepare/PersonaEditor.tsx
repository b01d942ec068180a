import { useTranslation } from 'react-i18next';
import type { Persona } from '../../../../../shared/board/model';
import type { BoardView } from '../../../realtime/board';
import { setPersonaField } from '../../../realtime/board-edit';

/** A short list of pictures for the persona: no upload, readable on a projector. */
export const PERSONA_EMOJI = ['🧒', '👧', '👦', '🧑', '👩', '👨', '👵', '👴', '🤰', '👪', '🧑‍🦽', '🧑‍🎓'] as const;

const LINES: ReadonlyArray<{ field: keyof Persona; rows: number }> = [
  { field: 'summary', rows: 3 },
  { field: 'needs', rows: 3 },
  { field: 'pains', rows: 3 },
];

/**
 * The persona, written straight into the main board's document: every keystroke is a Yjs
 * update, so another facilitator's screen (and the tables, after "copy to tables") follow.
 */
export function PersonaEditor({ board }: { board: BoardView }) {
  const { t } = useTranslation();
  const { doc, persona } = board;
  const set = (field: keyof Persona) => (value: string) => doc && setPersonaField(doc, field, value);
  const disabled = !doc || !board.synced;

  return (
    <section className="panel" aria-labelledby="prep-persona-heading">
      <h2 id="prep-persona-heading">{t('prep.personaTitle')}</h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="persona-name">{t('persona.name')}</label>
          <input id="persona-name" disabled={disabled} value={persona.name} onChange={(e) => set('name')(e.target.value)} />
        </div>
        <div className="field field-short">
          <label htmlFor="persona-age">{t('persona.age')}</label>
          <input id="persona-age" disabled={disabled} maxLength={20} value={persona.age} onChange={(e) => set('age')(e.target.value)} />
        </div>
      </div>
      <fieldset className="choice-group emoji-choices" disabled={disabled}>
        <legend>{t('persona.emoji')}</legend>
        <label className="choice emoji-choice">
          <input type="radio" name="persona-emoji" checked={persona.emoji === ''} onChange={() => set('emoji')('')} />
          {t('persona.emojiNone')}
        </label>
        {PERSONA_EMOJI.map((emoji) => (
          <label key={emoji} className="choice emoji-choice">
            <input type="radio" name="persona-emoji" checked={persona.emoji === emoji} onChange={() => set('emoji')(emoji)} />
            <span className="emoji">{emoji}</span>
          </label>
        ))}
      </fieldset>
      {LINES.map(({ field, rows }) => (
        <div className="field" key={field}>
          <label htmlFor={`persona-${field}`}>{t(`persona.${field}`)}</label>
          <textarea id={`persona-${field}`} rows={rows} disabled={disabled} value={persona[field]} onChange={(e) => set(field)(e.target.value)} />
        </div>
      ))}
    </section>
  );
}
