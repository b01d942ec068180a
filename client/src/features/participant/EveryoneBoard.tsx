import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlState } from '../../../../shared/protocol';
import { CardView } from '../../components/CardView';
import { ReactionButton } from '../../components/ReactionButton';
import { StageBoard } from '../../components/StageBoard';
import type { BoardCard, BoardView } from '../../realtime/board';
import type { Reactions } from '../../realtime/consensus';
import { useGroups } from '../../realtime/groups';
import { GroupClusters, splitByGroup } from '../consensus/GroupClusters';
import { CardComments, type CommentOutbox } from './CardComments';
import { ScribeCardEditor } from './ScribeCardEditor';
import { writableKinds } from '../../components/PhaseSummary';

interface EveryoneBoardProps {
  board: BoardView;
  room: string | undefined;
  /** The board's name when the facilitator brought everyone to another board than one's own. */
  followedName: string | null;
  session: ControlState | null;
  /** This person is the scribe of this board: they may edit any card on it. */
  scribe: boolean;
  /** Do not scroll the page (the person is writing a card). */
  holdScroll: boolean;
  /** Leave out this author's cards (the phone lists them under its own cards). */
  excludeAuthor?: string;
  /** 共感 on this board's cards (left out: no button). */
  reactions?: Reactions;
  /** Where comments are sent (left out: comments are only shown). */
  comments?: CommentOutbox | null;
  /** This board is the person's own (comments are written on one's own table only). */
  own?: boolean;
}

/** Everyone's cards on the journey, live. Follows the facilitator's "follow me", marks the spotlighted card, leaves hidden cards out. */
export function EveryoneBoard({ board, room, followedName, session, scribe, holdScroll, excludeAuthor, reactions, comments, own = false }: EveryoneBoardProps) {
  const canComment = own && !!comments && !session?.locked && session?.status !== 'closed' && writableKinds(session).length > 0;
  const { t } = useTranslation();
  const section = useRef<HTMLElement>(null);
  const follow = session?.follow?.room === room ? session?.follow : null;
  const cards = board.cards.filter((card) => !card.hidden && card.authorId !== excludeAuthor);
  const spotlightId = session?.spotlight && session.spotlight.room === room ? session.spotlight.cardId : null;
  // One's own card, when spotlit, is shown in the banner too.
  const spotlighted = board.cards.find((card) => card.id === spotlightId && !card.hidden);
  const followKey = follow ? `${follow.room}/${follow.stageId ?? ''}` : '';
  const groups = useGroups(board.doc);
  const renderCard = (card: BoardCard) => (
    <CardView card={card} spotlight={card.id === spotlightId}>
      {reactions && <ReactionButton cardId={card.id} reactions={reactions} label={card.text.slice(0, 20)} />}
      {room && reactions && <CardComments doc={board.doc} outbox={comments ?? null} room={room} cardId={card.id} canWrite={canComment} />}
      {scribe && board.doc && <ScribeCardEditor doc={board.doc} cardId={card.id} text={card.text} />}
    </CardView>
  );

  // "Follow me": bring the followed stage (or the board) into view once, when it changes.
  useEffect(() => {
    if (!followKey || holdScroll || !board.synced) return;
    const target = (follow?.stageId && section.current?.querySelector(`[data-stage="${CSS.escape(follow.stageId)}"]`)) || section.current;
    target?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    // Only a new destination scrolls; the person may look elsewhere afterwards.
  }, [followKey, board.synced]);

  return (
    <section className="board" aria-labelledby="everyone-heading" ref={section}>
      <h2 id="everyone-heading">{followedName ? t('participant.boardOf', { name: followedName }) : t('participant.board')}</h2>
      {follow && <p className="message">{t('participant.following')}</p>}
      {spotlighted && (
        <div className="spotlight-banner">
          <CardView card={spotlighted} spotlight />
        </div>
      )}
      {board.synced ? (
        <>
          <GroupClusters groups={groups} cards={cards} stages={board.stages} renderCard={renderCard} hideEmpty />
          <StageBoard stages={board.stages} cards={splitByGroup(cards, groups).ungrouped} focusStageId={follow?.stageId ?? null} renderCard={renderCard} />
        </>
      ) : (
        <p>{t('common.loading')}</p>
      )}
    </section>
  );
}
