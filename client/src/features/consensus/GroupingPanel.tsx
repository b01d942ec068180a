import { type DragEvent, type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { Stage } from '../../../../shared/board/model';
import { KindLabel } from '../../components/KindLabel';
import { LiveMessage } from '../../components/LiveMessage';
import type { BoardCard } from '../../realtime/board';
import { type BoardGroup, createGroup, deleteGroup, renameGroup, setCardGroup, useGroups } from '../../realtime/groups';
import { splitByGroup } from './GroupClusters';
import { GroupSuggestions } from './GroupSuggestions';
import { shortLabel } from './labels';
import './groups.css';

interface GroupingPanelProps {
  /** The board's document; this person may write it (a facilitator, or the table's scribe). */
  doc: Y.Doc | null;
  cards: BoardCard[];
  stages: Stage[];
  /** Shown as the panel's heading. */
  title?: string;
  headingLevel?: 2 | 3;
  /** The session and room, so suggestions come from the server (facilitators); scribes leave it out. */
  source?: { sessionId: string; room: string };
}

const DRAG_TYPE = 'application/x-yoriai-card';

/**
 * Sort a board's cards into named groups: make, rename and delete groups, move each card with its
 * own "group" select (or by dragging it onto a group), and take or leave suggested groups.
 */
export function GroupingPanel({ doc, cards, stages, title, headingLevel = 2, source }: GroupingPanelProps) {
  const { t } = useTranslation();
  const groups = useGroups(doc);
  const prefix = useId().replace(/:/g, '');
  const [newTitle, setNewTitle] = useState('');
  const [said, setSaid] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const visible = cards.filter((card) => !card.hidden);
  const { byGroup, ungrouped } = splitByGroup(visible, groups);
  const Heading = `h${headingLevel}` as const;
  const ZoneHeading = `h${headingLevel + 1}` as 'h3' | 'h4';
  const groupTitle = (id: string | null) => (id ? (groups.find((g) => g.id === id)?.title ?? '') : t('grouping.ungrouped'));

  const create = (event: FormEvent) => {
    event.preventDefault();
    const name = newTitle.trim();
    if (!doc || !name) return;
    createGroup(doc, name);
    setNewTitle('');
    setSaid(t('grouping.created', { title: name }));
  };
  const move = (card: BoardCard, groupId: string | null) => {
    if (!doc) return;
    setCardGroup(doc, card.id, groupId);
    setSaid(t('grouping.moved', { text: shortLabel(card.text), group: groupTitle(groupId) }));
  };
  const drop = (event: DragEvent, groupId: string | null) => {
    event.preventDefault();
    const card = visible.find((c) => c.id === event.dataTransfer.getData(DRAG_TYPE));
    if (card) move(card, groupId);
  };
  const zones: Array<{ group: BoardGroup | null; cards: BoardCard[] }> = [
    { group: null, cards: ungrouped },
    ...groups.map((group) => ({ group, cards: byGroup.get(group.id) ?? [] })),
  ];

  return (
    // Closed at first: the board already shows every card; this is the sorting table.
    <details className="panel grouping" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <Heading id={`${prefix}-heading`} className="grouping-summary">
          {title ?? t('grouping.title')}
        </Heading>
      </summary>
      {open && (
        <section className="stack grouping-body" aria-labelledby={`${prefix}-heading`}>
          <p className="hint">{t('grouping.hint')}</p>
          <form className="inline-form" onSubmit={create}>
            <div className="field">
              <label htmlFor={`${prefix}-new`}>{t('grouping.newTitle')}</label>
              <input id={`${prefix}-new`} maxLength={200} value={newTitle} onChange={(e) => setNewTitle(e.target.value)} />
            </div>
            <button type="submit" disabled={!doc || !newTitle.trim()}>
              {t('grouping.create')}
            </button>
          </form>
          <GroupSuggestions doc={doc} cards={ungrouped} headingLevel={headingLevel === 2 ? 3 : 4} onDone={setSaid} source={source} />
          <LiveMessage>{said}</LiveMessage>
          <div className="grouping-zones">
            {zones.map(({ group, cards: members }) => (
              <section
                key={group?.id ?? ''}
                className={`grouping-zone${group ? '' : ' is-ungrouped'}`}
                aria-labelledby={`${prefix}-zone-${group?.id ?? 'none'}`}
                onDragOver={(e) => e.preventDefault()}
                onDrop={(e) => drop(e, group?.id ?? null)}
              >
                <ZoneHeading id={`${prefix}-zone-${group?.id ?? 'none'}`} className="group-cluster-title">
                  {group && (
                    <span aria-hidden="true" className="group-mark">
                      ▣{' '}
                    </span>
                  )}
                  {group ? group.title || t('grouping.untitledShort') : t('grouping.ungrouped')}{' '}
                  <span className="stage-count">{t('board.cardCount', { count: members.length })}</span>
                </ZoneHeading>
                {group && doc && <GroupTools doc={doc} group={group} stages={stages} onDone={setSaid} />}
                {members.length === 0 ? (
                  <p className="muted">{t('grouping.empty')}</p>
                ) : (
                  <ul className="card-list">
                    {members.map((card) => (
                      <li key={card.id}>
                        <SortableCard card={card} groups={groups} current={group?.id ?? null} disabled={!doc} onMove={(to) => move(card, to)} />
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            ))}
          </div>
        </section>
      )}
    </details>
  );
}

interface SortableCardProps {
  card: BoardCard;
  groups: BoardGroup[];
  current: string | null;
  disabled: boolean;
  onMove: (groupId: string | null) => void;
}

/** A card in the sorting view: draggable, with its own "group" select for the keyboard. */
function SortableCard({ card, groups, current, disabled, onMove }: SortableCardProps) {
  const { t } = useTranslation();
  const selectId = useId();
  return (
    <article
      className={`card card-${card.kind} sortable-card`}
      draggable={!disabled}
      onDragStart={(e) => {
        e.dataTransfer.setData(DRAG_TYPE, card.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
    >
      <KindLabel kind={card.kind} />
      <p className="card-text">{card.text}</p>
      <div className="field field-inline">
        <label htmlFor={selectId}>
          <span className="visually-hidden">{t('grouping.moveLabelPrefix', { text: shortLabel(card.text) })}</span>
          {t('grouping.moveLabel')}
        </label>
        <select id={selectId} value={current ?? ''} disabled={disabled} onChange={(e) => onMove(e.target.value || null)}>
          <option value="">{t('grouping.ungrouped')}</option>
          {groups.map((group) => (
            <option key={group.id} value={group.id}>
              {group.title || t('grouping.untitledShort')}
            </option>
          ))}
        </select>
      </div>
    </article>
  );
}

/** Rename or delete one group (deleting asks first; its cards go back to "not grouped"). */
function GroupTools({ doc, group, stages, onDone }: { doc: Y.Doc; group: BoardGroup; stages: Stage[]; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'idle' | 'renaming' | 'confirming'>('idle');
  const [draft, setDraft] = useState(group.title);
  const inputId = useId();
  const stage = stages.find((s) => s.id === group.stageId)?.title;

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.trim()) return;
    renameGroup(doc, group.id, draft.trim());
    setMode('idle');
  };
  return (
    <div className="card-actions">
      {stage && <p className="muted">{t('grouping.stageOf', { title: stage })}</p>}
      {mode === 'renaming' && (
        <form className="inline-form" onSubmit={save}>
          <div className="field">
            <label htmlFor={inputId}>{t('grouping.renameLabel', { title: group.title })}</label>
            <input id={inputId} maxLength={200} value={draft} onChange={(e) => setDraft(e.target.value)} autoFocus />
          </div>
          <button type="submit" disabled={!draft.trim()}>
            {t('common.save')}
          </button>
          <button type="button" className="button-quiet" onClick={() => setMode('idle')}>
            {t('common.cancel')}
          </button>
        </form>
      )}
      {mode === 'confirming' && (
        <div className="button-row">
          <span>{t('grouping.deleteConfirm', { title: group.title })}</span>
          <button
            type="button"
            className="button-danger"
            onClick={() => {
              deleteGroup(doc, group.id);
              onDone(t('grouping.deleted', { title: group.title }));
            }}
          >
            {t('card.deleteYes')}
          </button>
          <button type="button" className="button-quiet" onClick={() => setMode('idle')} autoFocus>
            {t('common.cancel')}
          </button>
        </div>
      )}
      {mode === 'idle' && (
        <div className="button-row">
          <button
            type="button"
            className="button-quiet"
            onClick={() => {
              setDraft(group.title);
              setMode('renaming');
            }}
          >
            {t('grouping.rename', { title: group.title })}
          </button>
          <button type="button" className="button-quiet" onClick={() => setMode('confirming')}>
            {t('grouping.delete', { title: group.title })}
          </button>
        </div>
      )}
    </div>
  );
}
