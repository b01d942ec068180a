import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { CloseCode } from '../../../../shared/protocol';
import { CARD_KINDS } from '../../../../shared/schemas/cards';
import type { AccessView } from '../../../../shared/schemas/api';
import { api } from '../../api/endpoints';
import { ApiError } from '../../api/http';
import { useLoad } from '../../app/use-load';
import { CardView } from '../../components/CardView';
import { ConnectionStatus } from '../../components/ConnectionStatus';
import { LiveMessage } from '../../components/LiveMessage';
import { PhaseSummary, writableKinds } from '../../components/PhaseSummary';
import { StageBoard } from '../../components/StageBoard';
import { combineStatus, useBoard } from '../../realtime/board';
import { useControl } from '../../realtime/control';
import { type NewCard, useCardOutbox } from '../../realtime/outbox';
import { CardForm } from './CardForm';
import { findJoinBySession, forgetJoin, type StoredJoin } from './joins';
import { MyCards } from './MyCards';
import { useErrorText } from '../../components/error-text';

/** `/s/:sessionId`: the participant's board, for a phone that joined this session. */
export function ParticipantBoardPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { sessionId = '' } = useParams();
  const join = useMemo(() => findJoinBySession(sessionId), [sessionId]);
  const [access] = useLoad(() => (join ? api.access(join.token) : Promise.reject(new ApiError(401, 'unauthorized', 'not joined'))), [sessionId]);

  if (!join) {
    return (
      <div className="stack narrow">
        <LiveMessage tone="error">{t('participant.notJoined')}</LiveMessage>
        <Link to="/">{t('nav.home')}</Link>
      </div>
    );
  }
  if (access.state === 'loading') return <p>{t('common.loading')}</p>;
  if (access.state === 'failed') {
    if (access.error instanceof ApiError && access.error.status === 401) return <JoinAgain join={join} />;
    return <LiveMessage tone="error">{errorText(access.error)}</LiveMessage>;
  }
  return <ParticipantBoard join={join} access={access.value} />;
}

/** The token is no longer accepted: forget it, then go back to the join page of the same code. */
function JoinAgain({ join }: { join: StoredJoin }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useEffect(() => {
    forgetJoin(join.joinCode);
    navigate(`/j/${join.joinCode}`, { replace: true });
  }, [join.joinCode, navigate]);
  return <p>{t('common.loading')}</p>;
}

/** The facilitator removed this person: say so, and forget the token. */
function Revoked({ join }: { join: StoredJoin }) {
  const { t } = useTranslation();
  useEffect(() => forgetJoin(join.joinCode), [join.joinCode]);
  return (
    <div className="stack narrow">
      <LiveMessage tone="error">{t('participant.revoked')}</LiveMessage>
      <Link to="/">{t('nav.home')}</Link>
    </div>
  );
}

function ParticipantBoard({ join, access }: { join: StoredJoin; access: AccessView }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  // The participant's table when the session has tables, else the session's main board.
  const room = access.room ?? access.boards.find((b) => b.kind === 'main')?.room ?? access.boards[0]?.room;
  const board = useBoard(room, join.token);
  const control = useControl(join.token);
  const outbox = useCardOutbox(control.channel, room);
  const { reconcile } = outbox;
  const [writing, setWriting] = useState(false);
  const writeButton = useRef<HTMLButtonElement>(null);
  const mine = board.cards.filter((card) => card.authorId === join.participantId);
  const kinds = writableKinds(control.session);

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

  return (
    <div className="stack participant">
      <div className="title-row">
        <h1>{access.title}</h1>
        <p className="muted">{join.displayName ? t('participant.joinedAs', { name: join.displayName }) : t('participant.joinedAnonymously')}</p>
        <ConnectionStatus status={combineStatus(board.status, control.status)} />
      </div>
      {board.status === 'refused' && <LiveMessage tone="error">{errorText('room_unavailable')}</LiveMessage>}
      {control.session && <PhaseSummary session={control.session} />}
      {writing ? (
        // Kept open if the phase changes meanwhile, so nothing typed is lost; the server has the last word.
        <CardForm stages={board.stages} kinds={kinds.length > 0 ? kinds : CARD_KINDS} onSubmit={send} onCancel={closeForm} />
      ) : (
        kinds.length > 0 && (
          <button type="button" ref={writeButton} className="button-primary button-big" onClick={() => setWriting(true)}>
            {t('participant.write')}
          </button>
        )
      )}
      {room && (
        <MyCards
          join={join}
          room={room}
          cards={mine}
          entries={outbox.entries}
          channel={control.channel}
          onRetry={outbox.retry}
          onForget={outbox.forget}
        />
      )}
      <section className="board" aria-labelledby="everyone-heading">
        <h2 id="everyone-heading">{t('participant.board')}</h2>
        {board.synced ? (
          <StageBoard stages={board.stages} cards={board.cards} renderCard={(card) => <CardView card={card} />} />
        ) : (
          <p>{t('common.loading')}</p>
        )}
      </section>
    </div>
  );
}
