import { useTranslation } from 'react-i18next';
import type { OutcomeState } from '../../../../shared/protocol';
import { type ConsensusStore, type Focus, focusOf, useConsensus, usePollView, useVoteView } from '../../realtime/consensus';
import type { ControlChannel } from '../../realtime/control';
import { SectorView } from './SectorView';
import { VoteResults } from './VoteResults';
import './consensus.css';

/** Items of a ranking a hall can read at once. */
const RANKING_ITEMS = 8;

/** What the big screen knows of votes, polls and the outcome. */
export interface ProjectorConsensusData {
  focus: Focus;
  /** The vote's or poll's own title, if it has one. */
  ownTitle: string | undefined;
  /** Its title as shown (a default when it has none). */
  title: string;
  outcome: OutcomeState | null;
}

/** The vote or poll in focus (the open one, else the latest), its title, and the decisions and actions. */
export function useProjectorConsensus(channel: ControlChannel | null, store: ConsensusStore | null): ProjectorConsensusData {
  const { t } = useTranslation();
  const snapshot = useConsensus(store);
  const focus = focusOf(snapshot);
  const [voteView] = useVoteView(channel, focus?.kind === 'vote' ? focus.state.voteId : undefined, focus?.state.status);
  const [pollView] = usePollView(channel, focus?.kind === 'poll' ? focus.state.pollId : undefined, focus?.state.status);
  const ownTitle = focus?.kind === 'vote' ? voteView?.title : pollView?.title;
  const title = ownTitle || (focus?.kind === 'vote' ? t('vote.untitled') : t('poll.untitled'));
  return { focus, ownTitle, title, outcome: snapshot.outcome ?? null };
}

/** While a vote or poll is open (or closed, not yet revealed): how many have taken part. */
export function ProjectorCount({ data }: { data: ProjectorConsensusData }) {
  const { t } = useTranslation();
  const { focus, title } = data;
  if (!focus || focus.state.status === 'revealed') return null;
  return (
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
  );
}

/** The revealed ranking of a vote, or a poll's view by sector; a line saying none is revealed yet otherwise. */
export function ProjectorResults({ data }: { data: ProjectorConsensusData }) {
  const { t } = useTranslation();
  const { focus, ownTitle } = data;
  if (focus?.state.status !== 'revealed') return <p className="projector-empty">{t('projector.noResults')}</p>;
  return (
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
  );
}

/** The decisions, and the actions with who does them by when: side by side. */
export function ProjectorDecisions({ outcome }: { outcome: OutcomeState | null }) {
  const { t } = useTranslation();
  const decisions = outcome?.decisions ?? [];
  const actions = outcome?.actions ?? [];
  return (
    <div className="projector-outcome">
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
      <section className="projector-actions" aria-labelledby="projector-actions-heading">
        <h2 id="projector-actions-heading">{t('outcome.actions')}</h2>
        {actions.length === 0 ? (
          <p className="muted">{t('outcome.noActions')}</p>
        ) : (
          <ul className="projector-action-list">
            {actions.map((a) => (
              <li key={a.id}>
                <strong>{a.title}</strong>
                {(a.ownerOrganization || a.ownerPerson || a.dueDate) && (
                  <span className="projector-action-line">
                    {t('outcome.actionLine', { owner: [a.ownerOrganization, a.ownerPerson].filter(Boolean).join(' ') || '—', due: a.dueDate ?? '—' })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
