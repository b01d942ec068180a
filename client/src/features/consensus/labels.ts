import { useTranslation } from 'react-i18next';
import type { TextKey } from '../../../../shared/i18n';
import { useStoredOrganizationTypeLabels } from '../../app/organization-types';
import type { ScaleChoice } from '../../../../shared/schemas/consensus';

/** Marks that tell the consensus of an item apart without colour (as the session report uses). */
export const CONSENSUS_MARK = { shared: '◎', diverge: '⚠', mixed: '△' } as const;

const CHOICE_MARK: Record<string, string> = { agree: '◎', conditional: '○', concern: '△', oppose: '×' };

/** A shape for a choice of the agreement scale (fist-of-five choices are their own digit). */
export function choiceMark(choice: ScaleChoice): string {
  return CHOICE_MARK[choice.id] ?? '';
}

/** The words the consensus screens show for choices, sectors and figures, in the UI language. */
export function useConsensusLabels() {
  const { t, i18n } = useTranslation();
  const lookup = (key: string, fallback: string) => (i18n.exists(key) ? t(key as TextKey) : fallback);
  const stored = useStoredOrganizationTypeLabels('active');
  return {
    /** A scale choice: its own label when the facilitator gave one, else the standard wording. */
    choice: (choice: ScaleChoice) => {
      if (choice.label && choice.label !== choice.id) return choice.label;
      if (choice.id in CHOICE_MARK) return lookup(`poll.choice.${choice.id}`, choice.id);
      if (/^[0-5]$/.test(choice.id)) return lookup(`poll.fist.${choice.id}`, choice.id);
      return choice.label || choice.id;
    },
    // The stored label of an offered type (the admin may rename or add them), else the built-in text.
    organizationType: (id: string) => stored?.get(id) ?? lookup(`organizationType.${id}`, id),
    /** A percentage with the one decimal the server computed: 66.7%. */
    percent: (value: number) => t('poll.percent', { value: value.toFixed(1) }),
  };
}

/** Shorten a card's text for a button's name (the whole text is beside it). */
export function shortLabel(text: string, max = 24): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A due date (YYYY-MM-DD) in the UI language: 2027年1月31日 / Jan 31, 2027. */
export function formatDue(date: string, language: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(language === 'en' ? 'en' : 'ja-JP', { dateStyle: language === 'en' ? 'medium' : 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}
