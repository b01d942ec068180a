import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../../shared/limits';
import type { BoardInfo } from '../../../../../shared/protocol';
import { CARD_KINDS, type CardKind } from '../../../../../shared/schemas/cards';
import { KindIcon } from '../../../components/KindLabel';
import { LiveMessage } from '../../../components/LiveMessage';
import { useBoard } from '../../../realtime/board';
import type { ControlChannel } from '../../../realtime/control';
import { newId } from '../../../realtime/ids';
import type { ProxyPerson } from './ProxyPanel';
import { useRequest } from './use-request';

interface ProxyCardFormProps {
  token: string;
  channel: ControlChannel | null;
  boards: BoardInfo[];
  people: ProxyPerson[];
}

/** Write a card for a registered person, on their table (else the main board); tagged with their name and sector by the server. */
export function ProxyCardForm({ token, channel, boards, people }: ProxyCardFormProps) {
  const { t } = useTranslation();
  const [personId, setPersonId] = useState(people[people.length - 1]?.id ?? '');
  const [kind, setKind] = useState<CardKind>('issue');
  const [stageId, setStageId] = useState('');
  const [text, setText] = useState('');
  const [saved, setSaved] = useState(false);
  const request = useRequest(channel);
  const person = people.find((p) => p.id === personId) ?? people[people.length - 1];
  const room = person?.room ?? boards.find((b) => b.kind === 'main')?.room ?? '';
  const board = useBoard(room || undefined, token);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!person || !text.trim()) return;
    setSaved(false);
    const ack = await request.send('card:add', { room, id: newId(), kind, text: text.trim(), onBehalfOf: person.id, ...(stageId ? { stageId } : {}) });
    if (ack?.ok) {
      setSaved(true);
      setText('');
    }
  };

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
      <button type="submit" className="button-primary" disabled={request.busy || !text.trim()}>
        {t('participant.send')}
      </button>
      <LiveMessage tone={request.error ? 'error' : 'info'}>{request.error ?? (saved ? t('card.saved') : null)}</LiveMessage>
    </form>
  );
}
