import { STANDARD_QUESTION_IDS, type SurveyQuestion } from '../../../../../shared/survey';

/** A question as the editor holds it: texts as shown (the standard wording filled in), choices with their labels. */
export interface DraftQuestion {
  id: string;
  kind: SurveyQuestion['kind'];
  /** What the form shows; saved as the question's title unless it is the standard wording. */
  text: string;
  /** The standard wording, for a standard question (saved as an empty title, so it follows the language). */
  standardText: string;
  choices: Array<{ id: string; label: string; standardLabel: string }>;
  scale: { min: number; max: number; minLabel: string; maxLabel: string };
  positive: string[];
  /** Has answers: shown, not editable. */
  locked: boolean;
}

/** The texts a question shows in the UI language (see `useQuestionText`). */
export interface QuestionTexter {
  title: (q: SurveyQuestion, theme: string) => string;
  choice: (q: SurveyQuestion, choice: string) => string;
}

const DEFAULT_SCALE = { min: 1, max: 5, minLabel: '', maxLabel: '' };

/** The editor's form of a stored question. */
export function toDraft(q: SurveyQuestion, theme: string, texts: QuestionTexter, locked: boolean): DraftQuestion {
  const standardText = (STANDARD_QUESTION_IDS as readonly string[]).includes(q.id) ? texts.title({ ...q, title: '' }, theme) : '';
  return {
    id: q.id,
    kind: q.kind,
    text: q.title || standardText,
    standardText,
    choices: (q.choices ?? []).map((c) => {
      const standardLabel = texts.choice({ ...q, labels: {} }, c);
      return { id: c, label: q.labels?.[c] || standardLabel, standardLabel };
    }),
    scale: q.scale ?? DEFAULT_SCALE,
    positive: q.positive ?? [],
    locked,
  };
}

/** A new question of a kind, with an id no other question has. */
export function newDraft(kind: SurveyQuestion['kind'], taken: string[], texts: { choice: string }): DraftQuestion {
  let n = taken.length + 1;
  while (taken.includes(`q${n}`)) n += 1;
  const choices = kind === 'choice' ? [1, 2].map((i) => ({ id: `c${i}`, label: `${texts.choice} ${i}`, standardLabel: '' })) : [];
  return { id: `q${n}`, kind, text: '', standardText: '', choices, scale: DEFAULT_SCALE, positive: [], locked: false };
}

/** A choice id no other choice of the question has. */
export function nextChoiceId(q: DraftQuestion): string {
  let n = q.choices.length + 1;
  while (q.choices.some((c) => c.id === `c${n}`)) n += 1;
  return `c${n}`;
}

/**
 * The stored form of a draft. The standard wording is saved as an empty title (and standard
 * labels as none), so an unedited standard question stays in the reader's language and keeps
 * its meaning for the rule that freezes answered questions.
 */
export function fromDraft(d: DraftQuestion, original?: SurveyQuestion): SurveyQuestion {
  if (d.locked && original) return original;
  const text = d.text.trim();
  const title = d.standardText && text === d.standardText ? '' : text;
  switch (d.kind) {
    case 'choice': {
      const labels = Object.fromEntries(d.choices.filter((c) => c.label.trim() !== c.standardLabel).map((c) => [c.id, c.label.trim()]));
      const ids = d.choices.map((c) => c.id);
      const positive = d.positive.filter((p) => ids.includes(p));
      return { id: d.id, kind: 'choice', title, choices: ids, ...(Object.keys(labels).length > 0 ? { labels } : {}), ...(positive.length > 0 ? { positive } : {}) };
    }
    case 'scale': {
      const values = Array.from({ length: d.scale.max - d.scale.min + 1 }, (_, i) => String(d.scale.min + i));
      const positive = d.positive.filter((p) => values.includes(p));
      return { id: d.id, kind: 'scale', title, scale: { ...d.scale, minLabel: d.scale.minLabel.trim(), maxLabel: d.scale.maxLabel.trim() }, ...(positive.length > 0 ? { positive } : {}) };
    }
    case 'text':
      return { id: d.id, kind: 'text', title };
  }
}
