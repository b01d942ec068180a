import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlState } from '../../../../shared/protocol';
import { type ConsensusStore, focusOf, useConsensus, usePollView, useVoteView } from '../../realtime/consensus';
import type { ControlChannel } from '../../realtime/control';
import { SectorView } from './SectorView';
import { VoteResults } from './VoteResults';
import './consensus.css';

/** Phases in which the projector lists the decisions without being asked. */
const DECISION_PHASES = new Set(['share', 'closing']);
/** Items of a ranking a hall can read at once. */
const RANKING_ITEMS = 8;

interface ProjectorConsensusProps {
  channel: ControlChannel | null;
  store: ConsensusStore | null;
  state: ControlState | null;
}

/**
 * The consensus part of the big screen: while a vote or poll is open, how many have taken part;
 * once revealed, the ranking or the cross-sector view (unless share mode shows a table); and the
 * decisions in the sharing and closing phases, or when asked at the projector.
 */
export function ProjectorConsensus({ channel, store, state }: ProjectorConsensusProps) {
  const { t } = useTranslation();
  const snapshot = useConsensus(store);
  const focus = focusOf(snapshot);
  const [asked, setAsked] = useState(false);
  const [voteView] = useVoteView(channel, focus?.kind === 'vote' ? focus.state.voteId : undefined, focus?.state.status);
  const [pollView] = usePollView(channel, focus?.kind === 'poll' ? focus.state.pollId : undefined, focus?.state.status);
  const phaseKey = state?.phases[state.phaseIndex]?.key ?? '';
  const decisions = snapshot.outcome?.decisions ?? [];
  const showDecisions = asked || (DECISION_PHASES.has(phaseKey) && decisions.length > 0);
  const sharing = state?.share.active ?? false;
  const ownTitle = focus?.kind === 'vote' ? voteView?.title : pollView?.title;
  const title = ownTitle || (focus?.kind === 'vote' ? t('vote.untitled') : t('poll.untitled'));

  return (
    <div className="projector-consensus">
      <div className="projector-tools">
        <button type="button" className="button-quiet" aria-pressed={asked} onClick={() => setAsked(!asked)}>
          {t('outcome.show')}
        </button>
      </div>
      {focus && focus.state.status !== 'revealed' && (
        <section className="projector-count" aria-labelledby="projector-count-heading" aria-live="polite">
          <h2 id="projector-count-heading">{title}</h2>
          <p>
            {focus.state.status === 'open' ? (focus.kind === 'vote' ? t('vote.status.open') : t('poll.status.open')) : t('vote.status.closed')}
            {': '}
            <strong className="projector-count-number">
              {focus.kind === 'vote' ? t('vote.votersProjector', { count: focus.state.voters }) : t('poll.respondentsProjector', { count: focus.state.respondents })}
            </strong>
          </p>
        </section>
      )}
      {showDecisions && (
        <section className="projector-decisions" aria-labelledby="projector-decisions-heading">
          <h2 id="projector-decisions-heading">{t('outcome.decisions')}</h2>
          {decisions.length === 0 ? (
            <p className="muted">{t('outcome.noDecisions')}</p>
          ) : (
            <ol className="decision-list">
              {decisions.map((d) => (
                <li key={d.id}>{d.text}</li>
              ))}
            </ol>
          )}
        </section>
      )}
      {focus?.state.status === 'revealed' && !sharing && (
        <section className="projector-results" aria-labelledby="projector-results-heading">
          <h2 id="projector-results-heading">
            {focus.kind === 'vote' ? t('vote.results') : t('poll.results')}
            {ownTitle && `: ${ownTitle}`}
          </h2>
          {focus.kind === 'vote' ? (
            <>
              <p>{t('vote.voters', { count: focus.state.voters })}</p>
              <VoteResults state={focus.state} limit={RANKING_ITEMS} />
            </>
          ) : (
            <>
              <p>{t('poll.respondents', { count: focus.state.respondents })}</p>
              <SectorView state={focus.state} />
            </>
          )}
        </section>
      )}
    </div>
  );
}
