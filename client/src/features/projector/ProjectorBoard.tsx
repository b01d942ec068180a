import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlState } from '../../../../shared/protocol';
import { CardView } from '../../components/CardView';
import { PersonaCard } from '../../components/PersonaCard';
import { StageBoard } from '../../components/StageBoard';
import { type BoardCard, useBoard } from '../../realtime/board';
import { useGroups } from '../../realtime/groups';
import { GroupClusters, splitByGroup } from '../consensus/GroupClusters';

interface ProjectorBoardProps {
  token: string;
  room: string;
  /** Which board this is ("Table 1 of 2: …" in share mode). */
  label: string;
  state: ControlState | null;
}

/** The persona and the journey with its cards, large; the spotlighted card stands out. Hidden cards are left out. */
export function ProjectorBoard({ token, room, label, state }: ProjectorBoardProps) {
  const { t } = useTranslation();
  const board = useBoard(room, token);
  const cards = useMemo(() => board.cards.filter((card) => !card.hidden), [board.cards]);
  const spotlightId = state?.spotlight?.room === room ? state.spotlight.cardId : null;
  const spotlighted = cards.find((card) => card.id === spotlightId);
  const focus = state?.follow?.room === room ? state.follow.stageId : null;
  const groups = useGroups(board.doc);
  const ungrouped = useMemo(() => splitByGroup(cards, groups).ungrouped, [cards, groups]);
  const renderCard = useCallback((card: BoardCard) => <CardView card={card} spotlight={card.id === spotlightId} />, [spotlightId]);

  return (
    <section className="projector-board" aria-labelledby="projector-board-heading">
      <h2 id="projector-board-heading" className="projector-board-name">
        {label}
      </h2>
      {!board.synced ? (
        <p>{t('common.loading')}</p>
      ) : (
        <>
          <PersonaCard persona={board.persona} headingLevel={3} />
          {spotlighted && (
            <div className="projector-spotlight">
              <CardView card={spotlighted} spotlight />
            </div>
          )}
          <GroupClusters groups={groups} cards={cards} stages={board.stages} hideEmpty renderCard={renderCard} />
          <StageBoard
            stages={board.stages}
            cards={ungrouped}
            focusStageId={focus}
            hideEmptyNoStage
            renderCard={renderCard}
          />
        </>
      )}
    </section>
  );
}
