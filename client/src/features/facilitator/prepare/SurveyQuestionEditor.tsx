import { useTranslation } from 'react-i18next';
import { SURVEY_LIMITS, type SurveyQuestion } from '../../../../../shared/survey';
import { type DraftQuestion, nextChoiceId } from './survey-draft';
import './survey-editor.css';

interface SurveyQuestionEditorProps {
  draft: DraftQuestion;
  index: number;
  count: number;
  onChange: (next: DraftQuestion) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

const KINDS: Array<SurveyQuestion['kind']> = ['choice', 'scale', 'text'];

/** One survey question: its kind, wording and answers (locked once it has answers). */
export function SurveyQuestionEditor({ draft, index, count, onChange, onMove, onRemove }: SurveyQuestionEditorProps) {
  const { t } = useTranslation();
  const id = `survey-q-${draft.id}`;
  const name = draft.text.trim() || t('prep.surveyUntitled', { index: index + 1 });
  const set = (patch: Partial<DraftQuestion>) => onChange({ ...draft, ...patch });
  const setKind = (kind: SurveyQuestion['kind']) => {
    // A question turned into a choice question starts with two choices to reword.
    const choices = kind === 'choice' && draft.choices.length < 2 ? [1, 2].map((i) => ({ id: `c${i}`, label: `${t('prep.surveyChoice')} ${i}`, standardLabel: '' })) : draft.choices;
    set({ kind, choices });
  };
  return (
    <li>
      <fieldset className="phase-row survey-edit-question" disabled={draft.locked}>
        <legend>{t('prep.surveyNumber', { index: index + 1, title: name })}</legend>
        {draft.locked && <p className="hint">{t('prep.surveyLocked')}</p>}
        <div className="field">
          <label htmlFor={`${id}-text`}>{t('prep.surveyText')}</label>
          <input id={`${id}-text`} required maxLength={SURVEY_LIMITS.title} value={draft.text} onChange={(e) => set({ text: e.target.value })} />
        </div>
        <div className="field field-short">
          <label htmlFor={`${id}-kind`}>{t('prep.surveyKind')}</label>
          <select id={`${id}-kind`} value={draft.kind} onChange={(e) => setKind(e.target.value as SurveyQuestion['kind'])}>
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`prep.surveyKind.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        {draft.kind === 'choice' && <ChoicesEditor draft={draft} onChange={onChange} />}
        {draft.kind === 'scale' && <ScaleEditor draft={draft} onChange={onChange} />}
        <div className="button-row">
          <button type="button" className="button-quiet" disabled={index === 0} onClick={() => onMove(-1)} aria-label={t('prep.moveUp', { title: name })}>
            ↑
          </button>
          <button type="button" className="button-quiet" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={t('prep.moveDown', { title: name })}>
            ↓
          </button>
          <button type="button" className="button-quiet" disabled={count === 1} onClick={onRemove} aria-label={t('prep.remove', { title: name })}>
            {t('common.delete')}
          </button>
        </div>
      </fieldset>
    </li>
  );
}

function ChoicesEditor({ draft, onChange }: { draft: DraftQuestion; onChange: (next: DraftQuestion) => void }) {
  const { t } = useTranslation();
  const setChoices = (choices: DraftQuestion['choices']) => onChange({ ...draft, choices });
  return (
    <fieldset className="stack survey-answers">
      <legend>{t('prep.surveyChoices')}</legend>
      {draft.choices.map((choice, i) => (
        <div key={choice.id} className="survey-choice-row">
          <label className="visually-hidden" htmlFor={`survey-q-${draft.id}-${choice.id}`}>
            {t('prep.surveyChoiceNumber', { index: i + 1 })}
          </label>
          <input
            id={`survey-q-${draft.id}-${choice.id}`}
            required
            maxLength={SURVEY_LIMITS.label}
            value={choice.label}
            onChange={(e) => setChoices(draft.choices.map((c) => (c.id === choice.id ? { ...c, label: e.target.value } : c)))}
          />
          <button
            type="button"
            className="button-quiet"
            disabled={draft.choices.length <= 2}
            onClick={() => setChoices(draft.choices.filter((c) => c.id !== choice.id))}
            aria-label={t('prep.remove', { title: choice.label || String(i + 1) })}
          >
            {t('common.delete')}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button-quiet"
        disabled={draft.choices.length >= SURVEY_LIMITS.choices}
        onClick={() => setChoices([...draft.choices, { id: nextChoiceId(draft), label: '', standardLabel: '' }])}
      >
        {t('prep.surveyChoiceAdd')}
      </button>
    </fieldset>
  );
}

function ScaleEditor({ draft, onChange }: { draft: DraftQuestion; onChange: (next: DraftQuestion) => void }) {
  const { t } = useTranslation();
  const id = `survey-q-${draft.id}`;
  const setScale = (patch: Partial<DraftQuestion['scale']>) => onChange({ ...draft, scale: { ...draft.scale, ...patch } });
  return (
    <div className="stack survey-answers">
      <div className="field field-short">
        <label htmlFor={`${id}-max`}>{t('prep.surveyScaleMax')}</label>
        <select id={`${id}-max`} value={draft.scale.max} onChange={(e) => setScale({ max: Number(e.target.value) })}>
          {[3, 4, 5, 6, 7, 10].map((n) => (
            <option key={n} value={n}>
              {t('prep.surveyScaleRange', { min: draft.scale.min, max: n })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-min-label`}>{t('prep.surveyScaleMinLabel', { value: draft.scale.min })}</label>
        <input id={`${id}-min-label`} maxLength={SURVEY_LIMITS.scaleLabel} value={draft.scale.minLabel} onChange={(e) => setScale({ minLabel: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-max-label`}>{t('prep.surveyScaleMaxLabel', { value: draft.scale.max })}</label>
        <input id={`${id}-max-label`} maxLength={SURVEY_LIMITS.scaleLabel} value={draft.scale.maxLabel} onChange={(e) => setScale({ maxLabel: e.target.value })} />
      </div>
    </div>
  );
}
