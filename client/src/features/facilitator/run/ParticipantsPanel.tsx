import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isOrganizationType } from '../../../../../shared/organization-type-ids';
import { useStoredOrganizationTypeLabels } from '../../../app/organization-types';
import type { BoardInfo, RosterEntry } from '../../../../../shared/protocol';
import { api, type ParticipantView } from '../../../api/endpoints';
import { useAction } from '../../../app/use-action';
import { useLoad } from '../../../app/use-load';
import { LiveMessage } from '../../../components/LiveMessage';
import type { ControlChannel } from '../../../realtime/control';
import { JoinRate } from './JoinRate';
import { useRequest } from './use-request';

interface ParticipantsPanelProps {
  sessionId: string;
  channel: ControlChannel | null;
  roster: RosterEntry[];
  tables: BoardInfo[];
}

/**
 * Everyone registered in the session: connected or not, their table (seat them), scribe
 * (appoint or relieve), remove (their dots and answers go too), and how fast people join. The list comes from REST; table and scribe of the connected
 * come from the live roster, of the others from what was set here.
 */
export function ParticipantsPanel({ sessionId, channel, roster, tables }: ParticipantsPanelProps) {
  const { t } = useTranslation();
  const rosterKey = roster.map((p) => p.participantId ?? '').join(',');
  const [list] = useLoad(() => api.listParticipants(sessionId), [sessionId, rosterKey]);
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const [local, setLocal] = useState<Record<string, { room?: string | null; scribe?: boolean }>>({});
  const people = list.state === 'done' ? list.value.filter((p) => !removed.has(p.id)) : [];
  const live = new Map(roster.filter((p) => p.participantId).map((p) => [p.participantId!, p]));
  const remember = (id: string, patch: { room?: string | null; scribe?: boolean }) => setLocal((all) => ({ ...all, [id]: { ...all[id], ...patch } }));

  return (
    <section className="panel" aria-labelledby="people-heading">
      <h2 id="people-heading">{t('people.title', { count: people.length })}</h2>
      <JoinRate sessionId={sessionId} refreshKey={rosterKey} />
      {list.state === 'loading' && people.length === 0 && <p>{t('common.loading')}</p>}
      {list.state === 'done' && people.length === 0 && <p className="muted">{t('people.none')}</p>}
      <ul className="people-list">
        {people.map((person) => {
          const entry = live.get(person.id);
          return (
            <li key={person.id}>
              <PersonRow
                sessionId={sessionId}
                person={person}
                online={entry !== undefined}
                room={entry ? entry.room : local[person.id]?.room ?? null}
                scribe={entry ? entry.scribe : local[person.id]?.scribe ?? false}
                tables={tables}
                channel={channel}
                onSeat={(room) => remember(person.id, { room })}
                onScribe={(scribe) => remember(person.id, { scribe })}
                onRemoved={() => setRemoved((all) => new Set([...all, person.id]))}
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}

interface PersonRowProps {
  sessionId: string;
  person: ParticipantView;
  online: boolean;
  room: string | null;
  scribe: boolean;
  tables: BoardInfo[];
  channel: ControlChannel | null;
  onSeat: (room: string | null) => void;
  onScribe: (scribe: boolean) => void;
  onRemoved: () => void;
}

function PersonRow({ sessionId, person, online, room, scribe, tables, channel, onSeat, onScribe, onRemoved }: PersonRowProps) {
  const { t } = useTranslation();
  const action = useAction();
  const request = useRequest(channel);
  const [confirming, setConfirming] = useState(false);
  const name = person.displayName || t('card.anonymous');
  const stored = useStoredOrganizationTypeLabels('all');
  const org = stored?.get(person.organizationType) ?? (isOrganizationType(person.organizationType) ? t(`organizationType.${person.organizationType}`) : person.organizationType);
  const selectId = `seat-${person.id}`;

  const seat = async (next: string | null) => {
    const done = await action.run(async () => {
      await api.seatParticipant(sessionId, person.id, next);
      return true;
    });
    if (done) onSeat(next);
  };
  const toggleScribe = async () => {
    const ack = await request.send('scribe:set', { participantId: person.id, scribe: !scribe });
    if (ack?.ok) onScribe(!scribe);
  };
  const remove = async () => {
    const done = await action.run(async () => {
      await api.removeParticipant(sessionId, person.id);
      return true;
    });
    if (done) onRemoved();
  };

  return (
    <div className="person-row">
      <p className="person-name">
        <span className={online ? 'is-online' : 'muted'} aria-hidden="true">
          {online ? '● ' : '○ '}
        </span>
        {name} <span className="muted">{org}</span> <span className="visually-hidden">{online ? t('people.online') : t('people.offline')}</span>
        {scribe && <span className="badge">{t('people.scribe')}</span>}
      </p>
      <div className="button-row">
        {tables.length > 0 && (
          <div className="field field-inline">
            <label htmlFor={selectId}>{t('people.table', { name })}</label>
            <select id={selectId} value={room ?? ''} onChange={(e) => void seat(e.target.value || null)}>
              <option value="">{t('people.noTable')}</option>
              {tables.map((table) => (
                <option key={table.room} value={table.room}>
                  {table.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="button" className="button-quiet" aria-pressed={scribe} disabled={request.busy} onClick={() => void toggleScribe()}>
          {scribe ? t('people.relieve', { name }) : t('people.appoint', { name })}
        </button>
        {confirming ? (
          <>
            <span>{t('people.removeConfirmVotes', { name })}</span>
            <button type="button" className="button-danger" disabled={action.busy} onClick={() => void remove()}>
              {t('people.remove', { name })}
            </button>
            <button type="button" className="button-quiet" onClick={() => setConfirming(false)} autoFocus>
              {t('common.cancel')}
            </button>
          </>
        ) : (
          <button type="button" className="button-quiet" onClick={() => setConfirming(true)}>
            {t('people.remove', { name })}
          </button>
        )}
      </div>
      <LiveMessage tone="error">{request.error ?? (action.message?.tone === 'error' ? action.message.text : null)}</LiveMessage>
    </div>
  );
}
