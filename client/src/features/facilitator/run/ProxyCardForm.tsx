import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../../shared/limits';
import type { BoardInfo } from '../../../../../shared/protocol';
import { CARD_KINDS, type CardKind } from '../../../../../shared/schemas/cards';
import { KindIcon } from '../../../components/KindLabel';
import { LiveMessage } from '../../../components/LiveMessage';
import { useBoard } from '../../../realtime/board';
import type { ControlChannel } from '../../../realtime/control';
import { useCardOutbox } from '../../../realtime/outbox';
import { DeliveryStatus } from '../../participant/MyCards';
import type { ProxyPerson } from './ProxyPanel';

interface ProxyCardFormProps {
  token: string;
  /** Where the cards not yet stored are kept on this computer (one per session). */
  storageKey: string;
  channel: ControlChannel | null;
  boards: BoardInfo[];
  people: ProxyPerson[];
}

/**
 * Write a card for a registered person, on their table (else the main board); tagged with their
 * name and sector by the server. Sent through the same outbox as a phone's cards: kept on this
 * computer until the server has it, through dead venue Wi-Fi and a reload.
 */
export function ProxyCardForm({ token, storageKey, channel, boards, people }: ProxyCardFormProps) {
  const { t } = useTranslation();
  const [personId, setPersonId] = useState(people[people.length - 1]?.id ?? '');
  const [kind, setKind] = useState<CardKind>('issue');
  const [stageId, setStageId] = useState('');
  const [text, setText] = useState('');
  const outbox = useCardOutbox(channel, undefined, storageKey);
  const person = people.find((p) => p.id === personId) ?? people[people.length - 1];
  const room = person?.room ?? boards.find((b) => b.kind === 'main')?.room ?? '';
  const board = useBoard(room || undefined, token);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!person || !text.trim() || !room) return;
    outbox.add({ kind, text: text.trim(), onBehalfOf: person.id, ...(stageId ? { stageId } : {}) }, room);
    setText('');
  };
  // The cards still on their way or refused, and the latest one stored.
  const open = outbox.entries.filter((e) => e.state !== 'saved');
  const last = outbox.entries.some((e) => e.state === 'saved');

  return (
    <form className="stack" onSubmit={submit} aria-labelledby="proxy-card-heading">
      <h3 id="proxy-card-heading">{t('proxy.writeTitle')}</h3>
      <div className="field">
        <label htmlFor="proxy-person">{t('proxy.person')}</label>
        <select id="proxy-person" value={person?.id ?? ''} onChange={(e) => setPersonId(e.target.value)}>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="choice-group kind-choices">
        <legend>{t('participant.kind')}</legend>
        {CARD_KINDS.map((value) => (
          <label key={value} className={`choice kind-${value}`}>
            <input type="radio" name="proxy-kind" checked={kind === value} onChange={() => setKind(value)} />
            <KindIcon kind={value} />
            {t(`cardKind.${value}`)}
          </label>
        ))}
      </fieldset>
      {board.stages.length > 0 && (
        <div className="field">
          <label htmlFor="proxy-stage">{t('participant.stage')}</label>
          <select id="proxy-stage" value={stageId} onChange={(e) => setStageId(e.target.value)}>
            <option value="">{t('participant.stageNone')}</option>
            {board.stages.map((stage) => (
              <option key={stage.id} value={stage.id}>
                {stage.title}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="proxy-text">{t('participant.text')}</label>
        <textarea id="proxy-text" rows={3} maxLength={LIMITS.cardText} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <button type="submit" className="button-primary" disabled={!text.trim()}>
        {t('participant.send')}
      </button>
      <LiveMessage tone="info">{last && open.length === 0 ? t('card.saved') : null}</LiveMessage>
      {open.length > 0 && (
        <ul className="card-list proxy-outbox" aria-label={t('proxy.waiting')}>
          {open.map((entry) => (
            <li key={entry.payload.id}>
              <p className="card-text">{entry.payload.text}</p>
              <DeliveryStatus entry={entry} online={false} onRetry={() => outbox.retry(entry.payload.id)} onDiscard={() => outbox.forget(entry.payload.id)} />
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
