import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CARD_KINDS, type CardKind } from '../../../../shared/schemas/cards';
import type { VoteState, VoteView } from '../../../../shared/schemas/consensus';
import { KindIcon } from '../../components/KindLabel';
import { LiveMessage } from '../../components/LiveMessage';
import type { Tracked } from '../../realtime/consensus';
import type { ControlChannel } from '../../realtime/control';
import { useRequest } from '../facilitator/run/use-request';
import { type BoardContent, voteItems } from './items';

/** The texts of a group's visible cards on the board being prepared (a card id gives none). */
export function groupTexts(content: BoardContent, id: string): string[] {
  return content.cards.filter((card) => !card.hidden && card.groupId === id).map((card) => card.text);
}
import { ItemOrigin } from './ItemOrigin';
import { VoteResults } from './VoteResults';

interface VoteControlProps {
  channel: ControlChannel | null;
  vote: Tracked<VoteState> | null;
  view: VoteView | null;
  content: BoardContent;
}

/** The latest dot vote (how many voted; close; reveal; the ranking) and a form to open a new one. */
export function VoteControl({ channel, vote, view, content }: VoteControlProps) {
  const { t } = useTranslation();
  const request = useRequest(channel);
  const [formOpen, setFormOpen] = useState(false);
  return (
    <section className="stack consensus-part" aria-labelledby="vote-control-heading">
      <h3 id="vote-control-heading">{t('vote.title')}</h3>
      {vote ? (
        <div className="stack current-vote">
          {view?.title && <p className="vote-title">{view.title}</p>}
          <p className="vote-count-line" aria-live="polite">
            {t('vote.voters', { count: vote.voters })} <span className={`badge status-${vote.status}`}>{t(`vote.status.${vote.status}`)}</span>
          </p>
          {vote.status !== 'revealed' && <p className="hint">{t('vote.secretHint')}</p>}
          <div className="button-row">
            {vote.status === 'open' && (
              <button type="button" disabled={request.busy} onClick={() => void request.send('vote:close', { voteId: vote.voteId })}>
                {t('vote.close')}
              </button>
            )}
            {vote.status !== 'revealed' && (
              <button type="button" className="button-primary" disabled={request.busy} onClick={() => void request.send('vote:reveal', { voteId: vote.voteId })}>
                {t('vote.reveal')}
              </button>
            )}
          </div>
          {vote.status === 'revealed' && <VoteResults state={vote} />}
          {view && view.items.length > 0 && (
            <details>
              <summary>{t('vote.itemCount', { count: view.items.length })}</summary>
              <ul className="item-preview">
                {view.items.map((item) => (
                  <li key={item.id}>
                    {item.kind === 'group' ? <span aria-hidden="true">▣ </span> : null}
                    {item.label}
                    <ItemOrigin item={item} />
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      ) : (
        <p className="muted">{t('vote.none')}</p>
      )}
      <LiveMessage tone="error">{request.error}</LiveMessage>
      <details className="consensus-form" open={formOpen} onToggle={(e) => setFormOpen(e.currentTarget.open)}>
        <summary>{t('vote.newTitle')}</summary>
        {formOpen && <VoteOpenForm channel={channel} content={content} onOpened={() => setFormOpen(false)} />}
      </details>
    </section>
  );
}

function VoteOpenForm({ channel, content, onOpened }: { channel: ControlChannel | null; content: BoardContent; onOpened: () => void }) {
  const { t } = useTranslation();
  const request = useRequest(channel);
  const presentKinds = CARD_KINDS.filter((kind) => content.cards.some((c) => c.kind === kind && !c.hidden));
  const [kinds, setKinds] = useState<ReadonlySet<CardKind>>(() => new Set(CARD_KINDS));
  const [withGroups, setWithGroups] = useState(true);
  const [dots, setDots] = useState(3);
  const [max, setMax] = useState(2);
  const [anonymous, setAnonymous] = useState(true);
  const [title, setTitle] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const items = voteItems(content.cards, content.groups, kinds, withGroups && content.groups.length > 0);
  const count = (kind: CardKind) => content.cards.filter((c) => c.kind === kind && !c.hidden).length;

  const toggle = (kind: CardKind) =>
    setKinds((all) => {
      const next = new Set(all);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (items.length === 0) return setInvalid(t('vote.noItems'));
    if (max > dots) return setInvalid(t('vote.maxTooLarge'));
    setInvalid(null);
    const ack = await request.send('vote:open', { room: content.room, itemIds: items.slice(0, 200).map((i) => i.id), dotsPerPerson: dots, maxPerItem: max, anonymous, title: title.trim() });
    if (ack?.ok) onOpened();
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <p>{t('consensus.aboutBoard', { name: content.boardName })}</p>
      <fieldset className="kind-checks">
        <legend>{t('vote.kinds')}</legend>
        {content.groups.length > 0 && (
          <label className="check">
            <input type="checkbox" checked={withGroups} onChange={(e) => setWithGroups(e.target.checked)} />
            <span aria-hidden="true">▣</span>
            {t('vote.groups', { count: content.groups.length })}
          </label>
        )}
        {(presentKinds.length > 0 ? presentKinds : CARD_KINDS).map((kind) => (
          <label key={kind} className={`check kind-${kind}`}>
            <input type="checkbox" checked={kinds.has(kind)} onChange={() => toggle(kind)} />
            <KindIcon kind={kind} />
            {t('vote.kindCount', { kind: t(`cardKind.${kind}`), count: count(kind) })}
          </label>
        ))}
      </fieldset>
      {content.groups.length > 0 && <p className="hint">{t('vote.groupedHint')}</p>}
      <details>
        <summary>{t('vote.itemCount', { count: items.length })}</summary>
        <ul className="item-preview">
          {items.map((item) => (
            <li key={item.id}>
              {item.kind === 'group' ? <span aria-hidden="true">▣ </span> : null}
              {item.label}
              <ItemOrigin item={{ kind: item.kind, table: content.origin?.get(item.id)?.table, cards: groupTexts(content, item.id) }} />
            </li>
          ))}
        </ul>
      </details>
      <div className="form-grid">
        <div className="field field-short">
          <label htmlFor="vote-dots">{t('vote.dotsPerPerson')}</label>
          <input id="vote-dots" type="number" inputMode="numeric" min={1} max={50} value={dots} onChange={(e) => setDots(Math.max(1, Math.min(50, Number(e.target.value) || 1)))} />
        </div>
        <div className="field field-short">
          <label htmlFor="vote-max">{t('vote.maxPerItem')}</label>
          <input id="vote-max" type="number" inputMode="numeric" min={1} max={dots} value={max} onChange={(e) => setMax(Math.max(1, Math.min(50, Number(e.target.value) || 1)))} />
        </div>
        <div className="field">
          <label htmlFor="vote-title">{t('vote.titleField')}</label>
          <input id="vote-title" maxLength={120} value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
      </div>
      <label className="check">
        <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
        {t('vote.anonymous')}
      </label>
      <LiveMessage tone="error">{invalid ?? request.error}</LiveMessage>
      <button type="submit" className="button-primary" disabled={request.busy}>
        {t('vote.open')}
      </button>
    </form>
  );
}
