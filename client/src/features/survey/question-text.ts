import { useTranslation } from 'react-i18next';
import type { TextKey } from '../../../../shared/i18n';
import { surveyQuestionTitle } from '../../../../shared/survey';

/** What a survey question carries for its texts (both the survey and the report's figures have these). */
interface QuestionTexts {
  id: string;
  title: string;
  labels?: Record<string, string>;
  scale?: { min: number; max: number; minLabel: string; maxLabel: string };
}

/** A scale's number, with the words of its end when it is one: 1（そう思わない）. */
function scaleText(question: QuestionTexts, choice: string): string | undefined {
  if (!question.scale) return undefined;
  const end = choice === String(question.scale.min) ? question.scale.minLabel : choice === String(question.scale.max) ? question.scale.maxLabel : '';
  return end ? `${choice}（${end}）` : choice;
}

/**
 * The texts of a survey question in the UI language: its own title when set, else
 * `survey.<id>.title` (see `surveyQuestionTitle`); a choice's own label when set, else `survey.<id>.<choice>`; else the id.
 */
export function useQuestionText() {
  const { t, i18n } = useTranslation();
  const lookup = (key: string, fallback: string) => (i18n.exists(key) ? t(key as TextKey) : fallback);
  // Keys built from a question id are checked with `exists`, so the typed key list cannot help here.
  const loose = t as unknown as (key: string, values?: Record<string, string>) => string;
  return {
    /** `theme`: the session's; the standard understanding question asks about it. */
    title: (question: QuestionTexts, theme = '') =>
      surveyQuestionTitle(question, theme, (key, values) => (i18n.exists(key) ? loose(key, values) : undefined)),
    choice: (question: QuestionTexts, choice: string) => question.labels?.[choice] || scaleText(question, choice) || lookup(`survey.${question.id}.${choice}`, choice),
  };
}
