import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { suggestGroups } from '../../../../shared/board/similarity';
import { requestJson } from '../../api/http';
import { KindLabel } from '../../components/KindLabel';
import type { BoardCard } from '../../realtime/board';
import { createGroup } from '../../realtime/groups';
import { shortLabel } from './labels';

interface Suggestion {
  key: number;
  title: string;
  cardIds: string[];
}

interface GroupSuggestionsProps {
  doc: Y.Doc | null;
  /** The visible cards not in any group yet: the ones a suggestion may gather. */
  cards: BoardCard[];
  headingLevel: 3 | 4;
  onDone: (text: string) => void;
  /** The session and board to ask the server about; without it (a scribe's phone) only this browser suggests. */
  source?: { sessionId: string; room: string };
}

type Found = Array<{ cardIds: string[]; title: string }>;

/**
 * The server's suggestions (Japanese words from its analyser, docs/suggestions.md), or, when the
 * route cannot answer (offline, not a facilitator), this browser's character bigrams.
 */
async function findSuggestions(source: GroupSuggestionsProps['source'], cards: BoardCard[]): Promise<{ found: Found; local: boolean }> {
  if (source) {
    try {
      const path = `/api/sessions/${encodeURIComponent(source.sessionId)}/group-suggestions`;
      const answer = await requestJson<{ suggestions: Found }>('POST', path, { body: { room: source.room } });
      // The server reads the stored board; keep only the cards this list may gather.
      const known = new Set(cards.map((card) => card.id));
      const found = answer.suggestions.map((s) => ({ ...s, cardIds: s.cardIds.filter((id) => known.has(id)) })).filter((s) => s.cardIds.length > 1);
      return { found, local: false };
    } catch {
      // fall through to the in-browser suggestion
    }
  }
  return { found: suggestGroups(cards.map((card) => ({ id: card.id, text: card.text }))), local: true };
}

/**
 * "Suggest groups": similar cards (shared character bigrams, worked out in this browser) as
 * proposed groups. Each can be renamed, then made into a group with its cards, or dismissed.
 */
export function GroupSuggestions({ doc, cards, headingLevel, onDone, source }: GroupSuggestionsProps) {
  const { t } = useTranslation();
  const prefix = useId().replace(/:/g, '');
  const [suggestions, setSuggestions] = useState<Suggestion[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [local, setLocal] = useState(false);
  const byId = new Map(cards.map((card) => [card.id, card]));
  const Heading = `h${headingLevel}` as const;

  const suggest = async () => {
    setBusy(true);
    const { found, local: fromBrowser } = await findSuggestions(source, cards);
    setBusy(false);
    setLocal(fromBrowser && source !== undefined);
    setSuggestions(found.map((s, i) => ({ key: i, title: s.title || t('grouping.untitled', { index: i + 1 }), cardIds: s.cardIds })));
  };
  // Once every suggestion is taken or left, the list goes (rather than saying none were found).
  const drop = (key: number) =>
    setSuggestions((list) => {
      const rest = list?.filter((s) => s.key !== key) ?? [];
      return rest.length > 0 ? rest : null;
    });
  const accept = (suggestion: Suggestion) => {
    if (!doc) return;
    // Cards may have been grouped, hidden or deleted since the suggestion was made.
    const members = suggestion.cardIds.map((id) => byId.get(id)).filter((card): card is BoardCard => card !== undefined);
    if (members.length === 0) return drop(suggestion.key);
    const stages = new Set(members.map((card) => card.stageId ?? ''));
    const stageId = stages.size === 1 ? [...stages][0] || undefined : undefined;
    const title = suggestion.title.trim() || shortLabel(members[0].text, 16);
    createGroup(doc, title, members.map((card) => card.id), stageId);
    drop(suggestion.key);
    onDone(t('grouping.accepted', { title, count: members.length }));
  };

  return (
    <div className="stack grouping-suggest">
      <div className="button-row">
        <button type="button" onClick={() => void suggest()} disabled={!doc || busy} aria-busy={busy}>
          <span aria-hidden="true">✦ </span>
          {t('grouping.suggest')}
        </button>
        <p className="hint">{t('grouping.suggestHint')}</p>
      </div>
      {suggestions && (
        <section className="stack" aria-labelledby={`${prefix}-heading`}>
          <Heading id={`${prefix}-heading`}>{t('grouping.suggestions')}</Heading>
          {local && <p className="hint">{t('grouping.suggestFallback')}</p>}
          {suggestions.length === 0 ? (
            <p className="muted" role="status">
              {t('grouping.noSuggestions')}
            </p>
          ) : (
            <ol className="suggestion-list">
              {suggestions.map((suggestion, index) => {
                const members = suggestion.cardIds.map((id) => byId.get(id)).filter((card): card is BoardCard => card !== undefined);
                const inputId = `${prefix}-title-${suggestion.key}`;
                return (
                  <li key={suggestion.key} className="suggestion">
                    <div className="field">
                      <label htmlFor={inputId}>{t('grouping.suggestionTitle', { index: index + 1 })}</label>
                      <input
                        id={inputId}
                        maxLength={200}
                        value={suggestion.title}
                        onChange={(e) => setSuggestions((list) => list?.map((s) => (s.key === suggestion.key ? { ...s, title: e.target.value } : s)) ?? null)}
                      />
                    </div>
                    <ul className="suggestion-cards" aria-label={t('grouping.suggestionCards', { index: index + 1, count: members.length })}>
                      {members.map((card) => (
                        <li key={card.id}>
                          <KindLabel kind={card.kind} /> {card.text}
                        </li>
                      ))}
                    </ul>
                    <div className="button-row">
                      <button type="button" className="button-primary" onClick={() => accept(suggestion)} disabled={!doc}>
                        {t('grouping.accept', { index: index + 1 })}
                      </button>
                      <button type="button" className="button-quiet" onClick={() => drop(suggestion.key)}>
                        {t('grouping.dismiss', { index: index + 1 })}
                      </button>
                    </div>
                  </li>
                );
              })}
            </ol>
          )}
        </section>
      )}
    </div>
  );
}
