import { useTranslation } from 'react-i18next';
import type { BoardInfo, RosterEntry } from '../../../../../shared/protocol';
import { CARD_KINDS } from '../../../../../shared/schemas/cards';
import { KindLabel } from '../../../components/KindLabel';
import { useBoard } from '../../../realtime/board';

const LATEST = 3;

interface TablesOverviewProps {
  token: string;
  boards: BoardInfo[];
  roster: RosterEntry[];
  onOpen: (room: string) => void;
}

/** Every board at a glance, live: who sits there, cards by kind, the latest cards. */
export function TablesOverview({ token, boards, roster, onOpen }: TablesOverviewProps) {
  const { t } = useTranslation();
  const tables = boards.some((b) => b.kind === 'table') ? boards.filter((b) => b.kind === 'table') : boards;
  return (
    <section className="panel" aria-labelledby="overview-heading">
      <h2 id="overview-heading">{t('overview.title')}</h2>
      <ul className="overview-list">
        {tables.map((board) => (
          <li key={board.room}>
            <OverviewTable token={token} board={board} people={roster.filter((p) => p.role === 'participant' && p.room === board.room)} onOpen={() => onOpen(board.room)} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function OverviewTable({ token, board, people, onOpen }: { token: string; board: BoardInfo; people: RosterEntry[]; onOpen: () => void }) {
  const { t } = useTranslation();
  const view = useBoard(board.room, token);
  const latest = [...view.cards].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, LATEST);
  const headingId = `overview-${board.room.replace(/[^a-zA-Z0-9-]/g, '-')}`;
  return (
    <article className="overview-table" aria-labelledby={headingId}>
      <h3 id={headingId}>{board.name}</h3>
      {board.theme && <p className="muted">{board.theme}</p>}
      <p>
        <span className="overview-label">{t('overview.people', { count: people.length })}</span>{' '}
        {people.length === 0 ? t('overview.nobody') : people.map((p) => p.displayName || t('card.anonymous')).join(t('phase.kindSeparator'))}
      </p>
      <ul className="kind-counts" aria-label={t('overview.counts')}>
        {CARD_KINDS.map((kind) => (
          <li key={kind}>
            <KindLabel kind={kind} /> {view.cards.filter((c) => c.kind === kind).length}
          </li>
        ))}
      </ul>
      {latest.length > 0 && (
        <>
          <h4 className="overview-label">{t('overview.latest')}</h4>
          <ul className="latest-cards">
            {latest.map((card) => (
              <li key={card.id}>
                <KindLabel kind={card.kind} /> {card.text}
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" className="button-quiet" onClick={onOpen}>
        {t('overview.open', { name: board.name })}
      </button>
    </article>
  );
}
