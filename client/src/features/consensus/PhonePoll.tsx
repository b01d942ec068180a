import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BallotItem, PollState, PollView } from '../../../../shared/schemas/consensus';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import { type Tracked, usePollView } from '../../realtime/consensus';
import type { ControlChannel } from '../../realtime/control';
import { ItemOrigin } from './ItemOrigin';
import { choiceMark, useConsensusLabels } from './labels';
import { SectorView } from './SectorView';

interface PhonePollProps {
  channel: ControlChannel | null;
  state: Tracked<PollState>;
}

/**
 * The agreement poll on a phone: for each item, big choices (賛成 / 条件付き賛成 / 懸念あり / 反対,
 * or 5 to 0), sent as soon as one is chosen, and an optional reason. After the reveal, how
 * each sector answered.
 */
export function PhonePoll({ channel, state }: PhonePollProps) {
  const { t } = useTranslation();
  const [view, update] = usePollView(channel, state.pollId, state.status);

  if (state.status === 'revealed') {
    return (
      <section className="panel stack poll-phone" aria-labelledby="poll-phone-heading">
        <h2 id="poll-phone-heading">{t('poll.results')}</h2>
        {view?.title && <p className="vote-title">{view.title}</p>}
        <p>{t('poll.respondents', { count: state.respondents })}</p>
        <SectorView state={state} layout="list" />
      </section>
    );
  }
  if (!view) return <p>{t('common.loading')}</p>;
  const open = state.status === 'open';

  return (
    <section className="panel stack poll-phone" aria-labelledby="poll-phone-heading">
      <h2 id="poll-phone-heading">{t('poll.phoneTitle')}</h2>
      {view.title && <p className="vote-title">{view.title}</p>}
      {open ? <p className="hint">{t('poll.phoneHint')}</p> : <p className="message">{t('poll.closedPhone')}</p>}
      {view.items.map((item, index) => (
        <PollItem
          key={item.id}
          channel={channel}
          view={view}
          item={item}
          index={index}
          open={open}
          onAnswered={(answer) => update((v) => ({ ...v, mine: { ...v.mine, [item.id]: answer } }))}
        />
      ))}
    </section>
  );
}

interface PollItemProps {
  channel: ControlChannel | null;
  view: PollView;
  item: BallotItem;
  index: number;
  open: boolean;
  onAnswered: (answer: { choice: string; reason: string }) => void;
}

function PollItem({ channel, view, item, index, open, onAnswered }: PollItemProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const labels = useConsensusLabels();
  const id = useId();
  const saved = view.mine[item.id];
  const [choice, setChoice] = useState(saved?.choice ?? '');
  const [reason, setReason] = useState(saved?.reason ?? '');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const choiceLabel = (choiceId: string) => {
    const found = view.scale.find((c) => c.id === choiceId);
    return found ? labels.choice(found) : choiceId;
  };

  const send = async (nextChoice: string, nextReason: string, withReason = false) => {
    if (!channel || !nextChoice) return;
    setBusy(true);
    const ack = await channel.send('poll:answer', { pollId: view.pollId, itemId: item.id, choice: nextChoice, reason: nextReason.trim() });
    setBusy(false);
    if (!ack.ok) return setResult({ tone: 'error', text: errorText(ack.error) });
    onAnswered({ choice: nextChoice, reason: nextReason.trim() });
    setResult({ tone: 'info', text: t(withReason ? 'poll.reasonSent' : 'poll.sent', { choice: choiceLabel(nextChoice) }) });
  };
  const reasonChanged = reason.trim() !== (saved?.reason ?? '');

  return (
    <fieldset className="poll-item" disabled={!open}>
      <legend>
        <span className="poll-item-number">{t('poll.itemNumber', { index: index + 1, count: view.items.length })}</span>
        <span className="poll-item-label">{item.label}</span>
        <ItemOrigin item={item} />
      </legend>
      <div className="choice-group poll-choices">
        {view.scale.map((c) => (
          <label key={c.id} className={`choice poll-choice ${c.supports ? 'is-support' : 'is-concern'}`}>
            <input
              type="radio"
              name={`${id}-choice`}
              value={c.id}
              checked={choice === c.id}
              onChange={() => {
                setChoice(c.id);
                void send(c.id, reason);
              }}
            />
            {choiceMark(c) && <span aria-hidden="true" className="poll-mark">{choiceMark(c)}</span>}
            {labels.choice(c)}
          </label>
        ))}
      </div>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('poll.reason')}</label>
        <textarea id={`${id}-reason`} rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <button type="button" className="button-quiet" disabled={busy || !choice || !reasonChanged} onClick={() => void send(choice, reason, true)}>
        {t('poll.sendReason')}
      </button>
      <LiveMessage tone={result?.tone}>{result?.text}</LiveMessage>
    </fieldset>
  );
}
