import { suggestGroupsByWords, WORD_THRESHOLD } from '../../../server/services/suggestions.service';
import { suggestGroups } from '../../../shared/board/similarity';
import { LABELLED_CARDS, scorePairs } from '../../support/suggestion-score';

/** Precision and recall at one cut-off. */
export interface SuggestionScore {
  threshold: number;
  precision: number;
  recall: number;
  suggested: number;
}

export interface SuggestionsResult {
  cards: number;
  /** Pairs of cards the labels put in one group. */
  labelled: number;
  chosen: SuggestionScore;
  /** The word-based suggestions at each cut-off tried (how the chosen one was picked). */
  sweep: SuggestionScore[];
  /** Character bigrams (the browser's fallback) at their own cut-off. */
  bigrams: { precision: number; recall: number };
  /** Time to suggest over the whole set once, the analyser already loaded. */
  ms: number;
}

const CUTOFFS = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4];

/**
 * Group suggestions over the labelled workshop cards of tests/fixtures/group-suggestions.ja.json:
 * pairs a person would group, against the pairs the server suggests (kuromoji words, the
 * documented spelling variants folded), at the shipped cut-off and at its neighbours.
 */
export async function runSuggestions(): Promise<SuggestionsResult> {
  const sweep: SuggestionScore[] = [];
  for (const threshold of CUTOFFS) {
    const s = scorePairs(await suggestGroupsByWords(LABELLED_CARDS, threshold));
    sweep.push({ threshold, precision: s.precision, recall: s.recall, suggested: s.suggested });
  }
  const started = performance.now();
  const groups = await suggestGroupsByWords(LABELLED_CARDS, WORD_THRESHOLD);
  const ms = performance.now() - started;
  const chosen = scorePairs(groups);
  const bigrams = scorePairs(suggestGroups(LABELLED_CARDS));
  return {
    cards: LABELLED_CARDS.length,
    labelled: chosen.labelled,
    chosen: { threshold: WORD_THRESHOLD, precision: chosen.precision, recall: chosen.recall, suggested: chosen.suggested },
    sweep,
    bigrams: { precision: bigrams.precision, recall: bigrams.recall },
    ms,
  };
}
