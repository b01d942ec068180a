import { useTranslation } from 'react-i18next';
import type { TextKey } from '../../../../shared/i18n';

/** What a survey question carries for its texts (both the survey and the report's figures have these). */
interface QuestionTexts {
  id: string;
  title: string;
  labels?: Record<string, string>;
}

/**
 * The texts of a survey question in the UI language: its own title when set, else
 * `survey.<id>.title`; a choice's own label when set, else `survey.<id>.<choice>`; else the id.
 */
export function useQuestionText() {
  const { t, i18n } = useTranslation();
  const lookup = (key: string, fallback: string) => (i18n.exists(key) ? t(key as TextKey) : fallback);
  return {
    title: (question: QuestionTexts) => question.title || lookup(`survey.${question.id}.title`, question.id),
    choice: (question: QuestionTexts, choice: string) => question.labels?.[choice] || lookup(`survey.${question.id}.${choice}`, choice),
  };
}
