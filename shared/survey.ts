import { z } from 'zod';

/** A question of the closing survey. Built-in questions take their texts from i18n (`survey.<id>…`). */
export const surveyQuestionSchema = z.object({
  id: z.string().min(1).max(40).regex(/^[a-z0-9_-]+$/),
  kind: z.enum(['choice', 'text']),
  /** Shown as is; when empty, the text `survey.<id>.title`. */
  title: z.string().max(200).default(''),
  /** Choice ids in display order (choice questions). Labels: `survey.<id>.<choice>`, or `labels`. */
  choices: z.array(z.string().min(1).max(40)).max(10).optional(),
  labels: z.record(z.string(), z.string().max(80)).optional(),
  /** The choices the report counts together as the headline figure (e.g. 満足 and 大変満足). */
  positive: z.array(z.string()).optional(),
});
export type SurveyQuestion = z.infer<typeof surveyQuestionSchema>;
export const surveySchema = z.array(surveyQuestionSchema).min(1).max(20);

/**
 * The closing survey the city's report measures: satisfaction (大変満足 … 大変不満), whether
 * understanding deepened, interest in taking part in the platform's activities, free comments.
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

/** `POST /api/sessions/:id/survey`: answers by question id (a choice id, or text up to 2000 characters). */
export const surveyAnswersSchema = z.object({
  answers: z.record(z.string().max(40), z.string().max(2000)),
});
