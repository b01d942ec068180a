import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Persona } from '../../../../shared/board/model';
import type { ControlState } from '../../../../shared/protocol';
import { CardView } from '../../components/CardView';
import { useBoard } from '../../realtime/board';
import type { ControlChannel } from '../../realtime/control';
import { type ConsensusStore, useReactions } from '../../realtime/consensus';
import { useGroups } from '../../realtime/groups';
import { ProjectorWall } from './ProjectorWall';

interface ProjectorBoardProps {
  token: string;
  room: string;
  /** Which board this is ("Table 1 of 2: …" in share mode). */
  label: string;
  state: ControlState | null;
  channel: ControlChannel | null;
  store: ConsensusStore | null;
}

/** A board on the wall: its name, the persona in one line, and the journey's columns of cards. Hidden cards are left out. */
export function ProjectorBoard({ token, room, label, state, channel, store }: ProjectorBoardProps) {
  const { t } = useTranslation();
  const board = useBoard(room, token);
  const cards = useMemo(() => board.cards.filter((card) => !card.hidden), [board.cards]);
  const groups = useGroups(board.doc);
  const spotlightId = state?.spotlight?.room === room ? state.spotlight.cardId : null;
  const focus = state?.follow?.room === room ? state.follow.stageId : null;
  const { counts } = useReactions(channel, store, room);
  return (
    <section className="projector-board" aria-labelledby="projector-board-heading">
      <div className="projector-board-head">
        <h2 id="projector-board-heading" className="projector-board-name">
          {label}
        </h2>
        {board.synced && <PersonaLine persona={board.persona} />}
      </div>
      {!board.synced ? <p>{t('common.loading')}</p> : <ProjectorWall stages={board.stages} cards={cards} groups={groups} spotlightId={spotlightId} focusStageId={focus} reactions={counts} />}
    </section>
  );
}

/** The persona as one line: who, how old, their situation (cut to the line). */
function PersonaLine({ persona }: { persona: Persona }) {
  const { t } = useTranslation();
  if (!persona.name && !persona.summary) return null;
  return (
    <p className="projector-persona">
      <span className="persona-kicker">{t('persona.heading')}</span>{' '}
      <strong>
        {persona.emoji && <span aria-hidden="true">{persona.emoji} </span>}
        {persona.name || t('persona.unnamed')}
      </strong>
      {persona.age && ` ${t('persona.ageValue', { age: persona.age })}`}
      {persona.summary && <span className="projector-persona-summary">{persona.summary}</span>}
    </p>
  );
}

/** The spotlit card alone, as large as the screen allows, with its stage. */
export function ProjectorSpotlight({ token, state }: { token: string; state: ControlState | null }) {
  const { t } = useTranslation();
  const room = state?.spotlight?.room;
  const board = useBoard(room, token);
  const card = board.cards.find((c) => c.id === state?.spotlight?.cardId && !c.hidden);
  const stage = board.stages.find((s) => s.id === card?.stageId);
  return (
    <section className="projector-spotlight-view" aria-labelledby="projector-spotlight-heading">
      <h2 id="projector-spotlight-heading">{stage ? `${t('card.spotlighted')}: ${stage.title}` : t('card.spotlighted')}</h2>
      {card ? <CardView card={card} spotlight /> : <p className="projector-empty">{room && !board.synced ? t('common.loading') : t('projector.noSpotlight')}</p>}
    </section>
  );
}
