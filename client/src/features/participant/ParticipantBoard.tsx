import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseCode } from '../../../../shared/protocol';
import { CARD_KINDS } from '../../../../shared/cards';
import { Later, lazyPart } from '../../components/Later';
import { LiveMessage } from '../../components/LiveMessage';
import { LockIcon } from '../../components/LockIcon';
import { PersonaCard } from '../../components/PersonaCard';
import { writableKinds } from '../../components/PhaseSummary';
import { useErrorText } from '../../components/error-text';
import { combineStatus, useBoard } from '../../realtime/board';
import { useChangeOutbox } from '../../realtime/change-outbox';
import { useControl } from '../../realtime/control';
import { useReactions } from '../../realtime/consensus';
import { type NewCard, useCardOutbox } from '../../realtime/outbox';
import { PhoneConsensus } from '../consensus/PhoneConsensus';
import { SurveyLink } from '../survey/SurveyLink';
import type { BoardAccess } from './board-access';
import { CardForm } from './CardForm';
import { EveryoneBoard } from './EveryoneBoard';
import type { StoredJoin } from './joins';
import { MyCards } from './MyCards';
import { JoinAgain, Revoked } from './SessionEnded';
import { ParticipantHeader, PhaseStatus } from './ParticipantHeader';
import { TableChooser } from './TableChooser';
import { useSessionOrganizationTypes } from '../../app/organization-types';

// Only a table's scribe groups cards, late in a workshop: not in the page a phone opens to join.
const GroupingPanel = lazyPart(async () => (await import('../consensus/GroupingPanel')).GroupingPanel);

/**
 * The participant's phone, in the order a person needs it: phase and timer on top, then what the
 * phase asks (the open vote or poll, "write a card", the survey, or that the session ended), so
 * it is on the first screen even at 200 % text; then earlier results folded to one line each,
 * the persona, one's own cards with their delivery state, and the others' cards.
 */
export function ParticipantBoard({ join, access }: { join: StoredJoin; access: BoardAccess }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const control = useControl(join.token);
  useSessionOrganizationTypes(join.token);
  const session = control.session;
  const me = control.roster.find((p) => p.participantId === join.participantId);
  const [chosen, setChosen] = useState<string | null>(null);
  const boards = session?.boards ?? access.boards;
  const tables = boards.filter((b) => b.kind === 'table');
  const main = boards.find((b) => b.kind === 'main') ?? boards[0];
  const tableMode = session?.tableMode ?? access.tableMode;
  // The live roster knows the table best (the facilitator may seat people); until it comes, the choice made here or at join.
  const myTable = me?.room ?? chosen ?? access.room;
  const room = tables.length > 0 ? (myTable ?? undefined) : main?.room;
  const followRoom = session?.follow?.room;
  const viewRoom = followRoom && boards.some((b) => b.room === followRoom) ? followRoom : room;
  const scribe = me?.scribe ?? access.scribe;

  const board = useBoard(room, join.token, { keepOnDevice: true });
  const followed = useBoard(viewRoom !== room ? viewRoom : undefined, join.token, { keepOnDevice: true });
  const storageKey = `${join.sessionId}:${join.participantId}`;
  const outbox = useCardOutbox(control.channel, room, storageKey);
  const changes = useChangeOutbox(control.channel, storageKey);
  // Before any early return: the hooks run in the same order on every render.
  const reactions = useReactions(control.channel, control.consensus, viewRoom, changes);
  const { reconcile } = outbox;
  const [writing, setWriting] = useState(false);
  const writeButton = useRef<HTMLButtonElement>(null);
  const mine = board.cards.filter((card) => card.authorId === join.participantId);
  const ended = session?.status === 'closed';
  const kinds = ended ? [] : writableKinds(session);
  const phaseKey = session?.phases[session.phaseIndex]?.key ?? '';

  useEffect(() => {
    if (board.synced) reconcile(new Set(board.cards.map((card) => card.id)));
  }, [board.cards, board.synced, reconcile]);

  if (control.revoked) return <Revoked join={join} />;
  const refused = control.status === 'refused' || (board.status === 'refused' && board.closeCode === CloseCode.unauthorized);
  if (refused) return <JoinAgain join={join} />;

  const closeForm = () => {
    setWriting(false);
    // The button is back in the page after this render.
    requestAnimationFrame(() => writeButton.current?.focus());
  };
  const send = (card: NewCard) => {
    outbox.add(card);
    closeForm();
  };
  const viewBoard = viewRoom === room ? board : followed;
  const viewName = viewRoom !== room ? (boards.find((b) => b.room === viewRoom)?.name ?? null) : null;
  const myTableInfo = tables.find((b) => b.room === room);
  const knownCards = viewRoom === room ? board.cards : [...board.cards, ...followed.cards];

  return (
    <div className="stack participant">
      <ParticipantHeader session={session} clockOffset={control.clockOffset} />
      <div className="participant-title">
        <h1>{access.title}</h1>
        <p className="muted">{join.displayName ? t('participant.joinedAs', { name: join.displayName }) : t('participant.joinedAnonymously')}</p>
        {myTableInfo && <p className="table-badge">{t('participant.table', { name: myTableInfo.name })}</p>}
      </div>
      <PhaseStatus session={session} status={combineStatus(board.status, control.status)} />
      {ended && (
        <section className="panel phone-ended" aria-labelledby="ended-heading">
          <h2 id="ended-heading">{t('participant.ended')}</h2>
          {/* The survey is what is left to do: its invitation and link come first, the farewell after. */}
          <p>{t('participant.endedSurvey')}</p>
          <SurveyLink sessionId={join.sessionId} />
          <p>{t('participant.endedHint')}</p>
        </section>
      )}
      {!ended && (
        <div className="phone-now">
          <PhoneConsensus channel={control.channel} store={control.consensus} cards={knownCards} part="now" />
        </div>
      )}
      {board.status === 'refused' && <LiveMessage tone="error">{errorText('room_unavailable')}</LiveMessage>}
      {!room && tableMode === 'choose' && !ended && <TableChooser tables={tables} roster={control.roster} channel={control.channel} onChosen={setChosen} />}
      {!room && tableMode !== 'choose' && !ended && <p className="message">{t('participant.waitForTable')}</p>}
      {session?.locked && !ended && (
        <p className="message message-error" role="status">
          <LockIcon /> {t('participant.locked')}
        </p>
      )}
      {room &&
        !ended &&
        (writing ? (
          // Kept open if the phase changes meanwhile, so nothing typed is lost; the server has the last word.
          <CardForm stages={board.stages} kinds={kinds.length > 0 ? kinds : CARD_KINDS} disabled={session?.locked ?? false} onSubmit={send} onCancel={closeForm} />
        ) : (
          kinds.length > 0 && (
            <button type="button" ref={writeButton} className="button-primary button-big" onClick={() => setWriting(true)}>
              {t('participant.write')}
            </button>
          )
        ))}
      {!ended && ['reflection', 'closing'].includes(phaseKey) && <SurveyLink sessionId={join.sessionId} />}
      {scribe && room && !ended && <p className="message">{t('participant.scribe')}</p>}
      <PhoneConsensus channel={control.channel} store={control.consensus} cards={knownCards} part="earlier" />
      {room && board.synced && <PersonaCard persona={board.persona} />}
      {(room || outbox.entries.length > 0) && (
        <MyCards
          join={join}
          room={room ?? ''}
          cards={mine}
          entries={outbox.entries}
          changes={changes.entries}
          online={control.status === 'online'}
          onRetry={outbox.retry}
          onForget={outbox.forget}
          onEdit={changes.edit}
          onWithdraw={changes.withdraw}
          onDropChange={changes.drop}
        />
      )}
      {scribe && room && board.synced && !ended && (
        <Later>
          <GroupingPanel doc={board.doc} cards={board.cards} stages={board.stages} title={t('grouping.scribeTitle')} />
        </Later>
      )}
      {viewRoom && (
        <EveryoneBoard
          board={viewBoard}
          room={viewRoom}
          followedName={viewName}
          session={session}
          scribe={scribe && viewRoom === room && !ended}
          // One's own cards are listed once, above; a scribe tidies every card here, own ones too.
          excludeAuthor={scribe ? undefined : join.participantId}
          holdScroll={writing}
          reactions={ended ? undefined : reactions}
          comments={changes}
          own={viewRoom === room}
        />
      )}
    </div>
  );
}
