import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutcomeState } from '../../../../shared/protocol';
import { ACTION_STATUSES, type ActionStatus, type PollState, type PollView, type VoteState, type VoteView } from '../../../../shared/schemas/consensus';
import { useAction } from '../../app/use-action';
import { LiveMessage } from '../../components/LiveMessage';
import type { Tracked } from '../../realtime/consensus';
import { ActionForm, DecisionForm } from './OutcomeForms';
import { formatDue } from './labels';
import { type BoardContent, boardCandidates } from './items';
import { type Decision, type DecisionSource, type FollowUpAction, outcomeApi } from './outcome-api';

interface OutcomePanelProps {
  sessionId: string;
  outcome: OutcomeState | null;
  vote: Tracked<VoteState> | null;
  voteView: VoteView | null;
  poll: Tracked<PollState> | null;
  pollView: PollView | null;
  content: BoardContent;
}

/** The cards and groups a decision may come from: the items of the revealed poll and vote first, then the board's. */
function sourceCandidates({ vote, voteView, poll, pollView, content }: Omit<OutcomePanelProps, 'sessionId' | 'outcome'>) {
  const featured: DecisionSource[] = [];
  if (poll?.status === 'revealed' && pollView?.pollId === poll.pollId) {
    for (const item of pollView.items) featured.push({ room: pollView.room, kind: item.kind, id: item.id, label: item.label });
  }
  if (vote?.status === 'revealed' && voteView?.voteId === vote.voteId) {
    for (const result of vote.results.slice(0, 5)) {
      const item = voteView.items.find((i) => i.id === result.itemId);
      if (item) featured.push({ room: voteView.room, kind: item.kind, id: item.id, label: item.label });
    }
  }
  const board = boardCandidates(content.cards, content.groups);
  const others = [...board.groups, ...board.cards].map((c): DecisionSource => ({ room: content.origin?.get(c.id)?.room ?? content.room, kind: c.kind, id: c.id, label: c.label }));
  const seen = new Set<string>();
  const unique = (list: DecisionSource[]) => list.filter((s) => !seen.has(`${s.room}/${s.id}`) && seen.add(`${s.room}/${s.id}`));
  return { featured: unique(featured), others: unique(others) };
}

/** Decisions (合意事項) with where they came from, and follow-up actions with owner, due date and status. */
export function OutcomePanel({ sessionId, outcome, ...context }: OutcomePanelProps) {
  const { t } = useTranslation();
  const decisions = outcome?.decisions ?? [];
  const actions = outcome?.actions ?? [];
  return (
    <section className="stack consensus-part" aria-labelledby="outcome-heading">
      <h3 id="outcome-heading">{t('outcome.title')}</h3>
      <h4>{t('outcome.decisions')}</h4>
      {decisions.length === 0 ? (
        <p className="muted">{t('outcome.noDecisions')}</p>
      ) : (
        <ol className="decision-list">
          {decisions.map((d) => (
            <li key={d.id}>
              <DecisionRow sessionId={sessionId} decision={d} />
            </li>
          ))}
        </ol>
      )}
      <DecisionForm sessionId={sessionId} candidates={sourceCandidates(context)} />
      <h4>{t('outcome.actions')}</h4>
      {actions.length === 0 ? (
        <p className="muted">{t('outcome.noActions')}</p>
      ) : (
        <ul className="action-list">
          {actions.map((a) => (
            <li key={a.id}>
              <ActionRow sessionId={sessionId} action={a} decisions={decisions} />
            </li>
          ))}
        </ul>
      )}
      <ActionForm sessionId={sessionId} decisions={decisions} />
    </section>
  );
}

/** Remove something after a confirmation, announcing a failure. */
function useRemove(remove: () => Promise<unknown>) {
  const action = useAction();
  const [confirming, setConfirming] = useState(false);
  return { action, confirming, setConfirming, run: () => void action.run(remove) };
}

function DecisionRow({ sessionId, decision }: { sessionId: string; decision: Decision }) {
  const { t } = useTranslation();
  const remove = useRemove(() => outcomeApi.removeDecision(sessionId, decision.id));
  const edit = useAction();
  const [draft, setDraft] = useState<string | null>(null);
  const name = decision.text.length > 30 ? `${decision.text.slice(0, 29)}…` : decision.text;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft?.trim()) return;
    if (await edit.run(() => outcomeApi.editDecision(sessionId, decision.id, { text: draft.trim() }))) setDraft(null);
  };
  return (
    <div className="outcome-row">
      {draft === null ? (
        <p className="decision-text">{decision.text}</p>
      ) : (
        <form className="card-editor" onSubmit={save}>
          <label htmlFor={`decision-edit-${decision.id}`}>{t('outcome.decisionText')}</label>
          <textarea id={`decision-edit-${decision.id}`} rows={2} maxLength={2000} value={draft} onChange={(e) => setDraft(e.target.value)} autoFocus />
          <div className="button-row">
            <button type="submit" disabled={edit.busy || !draft.trim()}>
              {t('common.save')}
            </button>
            <button type="button" className="button-quiet" onClick={() => setDraft(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      {decision.sources.length > 0 && <p className="muted">{t('outcome.from', { labels: decision.sources.map((s) => s.label).join(t('vote.separator')) })}</p>}
      <div className="button-row">
        {draft === null && (
          <button type="button" className="button-quiet" onClick={() => setDraft(decision.text)}>
            {t('outcome.editDecision', { text: name })}
          </button>
        )}
        <RemoveButtons remove={remove} name={t('outcome.deleteDecision', { text: name })} />
      </div>
      <LiveMessage tone="error">{edit.message?.tone === 'error' ? edit.message.text : null}</LiveMessage>
    </div>
  );
}

function ActionRow({ sessionId, action, decisions }: { sessionId: string; action: FollowUpAction; decisions: Decision[] }) {
  const { t, i18n } = useTranslation();
  const update = useAction();
  const remove = useRemove(() => outcomeApi.removeAction(sessionId, action.id));
  const decision = decisions.find((d) => d.id === action.decisionId);
  const owner = [action.ownerOrganization, action.ownerPerson].filter(Boolean).join(' ') || t('register.noOwner');
  const selectId = `action-status-${action.id}`;
  return (
    <div className="outcome-row">
      <p className="decision-text">{action.title}</p>
      <p>{t('outcome.actionLine', { owner, due: action.dueDate ? formatDue(action.dueDate, i18n.language) : t('register.noDue') })}</p>
      {decision && <p className="muted">{t('outcome.forDecisionText', { text: decision.text })}</p>}
      <div className="button-row">
        <div className="field field-inline">
          <label htmlFor={selectId}>{t('outcome.statusOf', { title: action.title })}</label>
          <select
            id={selectId}
            value={action.status}
            disabled={update.busy}
            onChange={(e) => void update.run(() => outcomeApi.editAction(sessionId, action.id, { status: e.target.value as ActionStatus }))}
          >
            {ACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`actionStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <RemoveButtons remove={remove} name={t('outcome.deleteAction', { title: action.title })} />
      </div>
      <LiveMessage tone="error">{update.message?.tone === 'error' ? update.message.text : null}</LiveMessage>
    </div>
  );
}

function RemoveButtons({ remove, name }: { remove: ReturnType<typeof useRemove>; name: string }) {
  const { t } = useTranslation();
  return (
    <>
      {remove.confirming ? (
        <div className="button-row">
          <span>{t('outcome.deleteConfirm')}</span>
          <button type="button" className="button-danger" disabled={remove.action.busy} onClick={remove.run}>
            {name}
          </button>
          <button type="button" className="button-quiet" onClick={() => remove.setConfirming(false)} autoFocus>
            {t('common.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" className="button-quiet" onClick={() => remove.setConfirming(true)}>
          {name}
        </button>
      )}
      <LiveMessage tone="error">{remove.action.message?.tone === 'error' ? remove.action.message.text : null}</LiveMessage>
    </>
  );
}
