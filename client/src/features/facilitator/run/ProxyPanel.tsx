import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../../shared/limits';
import type { OrganizationType } from '../../../../../shared/organization-types';
import { useLoad } from '../../../app/use-load';
import type { BoardInfo } from '../../../../../shared/protocol';
import { api } from '../../../api/endpoints';
import { useAction } from '../../../app/use-action';
import { LiveMessage } from '../../../components/LiveMessage';
import type { ControlChannel } from '../../../realtime/control';
import { ProxyCardForm } from './ProxyCardForm';

export interface ProxyPerson {
  id: string;
  name: string;
  room: string | null;
}

interface ProxyPanelProps {
  sessionId: string;
  /** The session's space: its organisation types are offered. */
  spaceId: string;
  token: string;
  channel: ControlChannel | null;
  boards: BoardInfo[];
}

/** Someone without a phone: register their name and organisation type, then write their cards for them. */
export function ProxyPanel({ sessionId, spaceId, token, channel, boards }: ProxyPanelProps) {
  const { t } = useTranslation();
  const tables = boards.filter((b) => b.kind === 'table');
  const [name, setName] = useState('');
  const [org, setOrg] = useState<OrganizationType | ''>('');
  const [room, setRoom] = useState('');
  // The stored list the server checks (the admin may have added or retired types).
  const [types] = useLoad(() => api.spaceOrganizationTypes(spaceId), [spaceId]);
  const [people, setPeople] = useState<ProxyPerson[]>([]);
  const action = useAction();

  const register = async (event: FormEvent) => {
    event.preventDefault();
    if (!org) return action.setMessage({ tone: 'error', text: t('join.organizationTypeRequired') });
    const displayName = name.trim();
    const added = await action.run(
      () => api.addParticipant(sessionId, { displayName, organizationType: org, ...(room ? { room } : {}) }),
      () => t('proxy.registered', { name: displayName || t('card.anonymous') }),
    );
    if (!added) return;
    setPeople((list) => [...list, { id: added.id, name: displayName || t('card.anonymous'), room: room || null }]);
    setName('');
  };

  return (
    <section className="panel stack" aria-labelledby="proxy-heading">
      <h2 id="proxy-heading">{t('proxy.title')}</h2>
      <form className="form-grid" onSubmit={register} aria-labelledby="proxy-register-heading">
        <h3 id="proxy-register-heading" className="form-grid-full">
          {t('proxy.registerTitle')}
        </h3>
        <div className="field">
          <label htmlFor="proxy-name">{t('proxy.name')}</label>
          <input id="proxy-name" maxLength={LIMITS.displayName} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="proxy-org">{t('join.organizationType')}</label>
          <select id="proxy-org" required value={org} onChange={(e) => setOrg(e.target.value as OrganizationType)}>
            <option value="">{t('proxy.choose')}</option>
            {types.state === 'done' &&
              types.value.map((type) => (
                <option key={type.id} value={type.id}>
                  {type.label}
                </option>
              ))}
          </select>
        </div>
        {tables.length > 0 && (
          <div className="field">
            <label htmlFor="proxy-room">{t('proxy.table')}</label>
            <select id="proxy-room" value={room} onChange={(e) => setRoom(e.target.value)}>
              <option value="">{t('people.noTable')}</option>
              {tables.map((table) => (
                <option key={table.room} value={table.room}>
                  {table.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="submit" disabled={action.busy}>
          {t('proxy.register')}
        </button>
      </form>
      <LiveMessage tone={action.message?.tone}>{action.message?.text}</LiveMessage>
      {people.length > 0 && <ProxyCardForm token={token} storageKey={`yoriai-proxy:${sessionId}`} channel={channel} boards={boards} people={people} />}
    </section>
  );
}
