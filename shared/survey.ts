import { z } from 'zod';

/** The bounds of a survey the facilitator edits (checked by `surveySchema`). */
export const SURVEY_LIMITS = { questions: 20, title: 200, choices: 10, label: 80, scaleLabel: 40 } as const;

/** The ids of the city's standard questions: an empty title reads their text from i18n (`survey.<id>.title`). */
export const STANDARD_QUESTION_IDS = ['satisfaction', 'understanding', 'intent', 'comments'] as const;

const surveyId = z.string().min(1).max(40).regex(/^[a-z0-9_-]+$/, 'ids are lowercase letters, digits, - and _');

/** A question of the closing survey. Built-in questions take their texts from i18n (`survey.<id>…`). */
export const surveyQuestionSchema = z
  .object({
    id: surveyId,
    /** `choice`: one of a few answers; `scale`: a number from `scale.min` to `scale.max`; `text`: free text. */
    kind: z.enum(['choice', 'scale', 'text']),
    /** Shown as is; when empty, the text `survey.<id>.title` (standard questions only). */
    title: z.string().trim().max(SURVEY_LIMITS.title).default(''),
    /** Choice ids in display order (choice questions). Labels: `labels`, else `survey.<id>.<choice>`. */
    choices: z.array(surveyId).min(2).max(SURVEY_LIMITS.choices).optional(),
    labels: z.record(z.string(), z.string().trim().max(SURVEY_LIMITS.label)).optional(),
    /** Scale questions: the range and the words at its ends (「そう思わない」…「そう思う」). */
    scale: z
      .object({
        min: z.number().int().min(0).max(1),
        max: z.number().int().min(2).max(10),
        minLabel: z.string().trim().max(SURVEY_LIMITS.scaleLabel).default(''),
        maxLabel: z.string().trim().max(SURVEY_LIMITS.scaleLabel).default(''),
      })
      .optional(),
    /** The answers the report counts together as the headline figure (e.g. 満足 and 大変満足). */
    positive: z.array(z.string().max(40)).max(SURVEY_LIMITS.choices + 1).optional(),
  })
  .superRefine((q, issue) => {
    const fail = (message: string, path: string) => issue.addIssue({ code: 'custom', message, path: [path] });
    if (!q.title && !(STANDARD_QUESTION_IDS as readonly string[]).includes(q.id)) fail(`question ${q.id} needs a title`, 'title');
    if (q.kind === 'choice') {
      if (!q.choices) return fail(`question ${q.id} needs two choices or more`, 'choices');
      if (new Set(q.choices).size !== q.choices.length) fail(`question ${q.id} has a choice twice`, 'choices');
      for (const key of Object.keys(q.labels ?? {})) if (!q.choices.includes(key)) fail(`label ${key} is not a choice of ${q.id}`, 'labels');
    }
    if (q.kind === 'scale' && !q.scale) fail(`question ${q.id} needs its scale`, 'scale');
    if (q.kind !== 'choice' && q.choices) fail(`only choice questions have choices`, 'choices');
    const answers = answersOf(q);
    for (const p of q.positive ?? []) if (!answers.includes(p)) fail(`positive answer ${p} is not an answer of ${q.id}`, 'positive');
  });
export type SurveyQuestion = z.infer<typeof surveyQuestionSchema>;

/** A session's survey: 1 to 20 questions with distinct ids. */
export const surveySchema = z
  .array(surveyQuestionSchema)
  .min(1)
  .max(SURVEY_LIMITS.questions)
  .superRefine((questions, issue) => {
    const seen = new Set<string>();
    for (const [i, q] of questions.entries()) {
      if (seen.has(q.id)) issue.addIssue({ code: 'custom', message: `question id ${q.id} is used twice`, path: [i, 'id'] });
      seen.add(q.id);
    }
  });

/**
 * The answers a question takes, in display order: its choices, or the scale's numbers as
 * strings ('1' … '5'); none for free text.
 */
export function answersOf(q: Pick<SurveyQuestion, 'kind' | 'choices' | 'scale'>): string[] {
  switch (q.kind) {
    case 'choice':
      return q.choices ?? [];
    case 'scale':
      if (!q.scale) return [];
      return Array.from({ length: q.scale.max - q.scale.min + 1 }, (_, i) => String(q.scale!.min + i));
    case 'text':
      return [];
  }
}

/**
 * Check one answer sheet against the questions: unknown questions or answers are refused (the
 * message says which), blanks dropped, free text trimmed. Throws nothing; the caller turns a
 * refusal into its own error.
 */
export function checkSurveyAnswers(questions: SurveyQuestion[], answers: Record<string, string>): { ok: true; answers: Record<string, string> } | { ok: false; message: string } {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const clean = new Map<string, string>();
  for (const [id, value] of Object.entries(answers)) {
    const question = byId.get(id);
    if (!question) return { ok: false, message: `no question ${id}` };
    if (value.trim() === '') continue;
    if (question.kind !== 'text' && !answersOf(question).includes(value)) return { ok: false, message: `not an answer of ${id}` };
    clean.set(id, question.kind === 'text' ? value.trim() : value);
  }
  return { ok: true, answers: Object.fromEntries(clean) };
}

/**
 * A question's title in a language: its own title when set; for the standard understanding
 * question, the session's theme (so a こども食堂 session asks about こども食堂, not about 孤独・孤立);
 * else the standard text. `lookup` is the i18n function of the caller's side.
 */
export function surveyQuestionTitle(
  q: Pick<SurveyQuestion, 'id' | 'title'>,
  theme: string,
  lookup: (key: string, values?: Record<string, string>) => string | undefined,
): string {
  if (q.title) return q.title;
  if (q.id === 'understanding' && theme.trim() !== '') return lookup('survey.understanding.titleTheme', { theme: theme.trim() }) ?? q.id;
  return lookup(`survey.${q.id}.title`) ?? q.id;
}

/**
 * The city's standard closing survey, the editable default of every session: satisfaction
 * (大変満足 … 大変不満), whether understanding of the session's theme deepened, whether the
 * participant wants to take part again, free comments. Worded in plain Japanese (the texts are
 * `survey.<id>.…` in the i18n files).
 */
export const STANDARD_SURVEY: SurveyQuestion[] = [
  {
    id: 'satisfaction',
    kind: 'choice',
    title: '',
    choices: ['very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'very_dissatisfied'],
    positive: ['very_satisfied', 'satisfied'],
  },
  { id: 'understanding', kind: 'choice', title: '', choices: ['deepened', 'somewhat', 'not_much', 'not_at_all'], positive: ['deepened', 'somewhat'] },
  { id: 'intent', kind: 'choice', title: '', choices: ['yes', 'interested', 'not_now'], positive: ['yes', 'interested'] },
  { id: 'comments', kind: 'text', title: '' },
];

/** `POST /api/sessions/:id/survey`: answers by question id (a choice id, a scale number, or text up to 2000 characters). */
export const surveyAnswersSchema = z.object({
  answers: z.record(z.string().max(40), z.string().max(2000)),
});
