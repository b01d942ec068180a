import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORGANIZATION_TYPES } from '../../../../shared/organization-type-ids';
import { ACTION_STATUSES, type ActionStatus } from '../../../../shared/schemas/consensus';
import { useAction } from '../../app/use-action';
import { LiveMessage } from '../../components/LiveMessage';
import { type Decision, type DecisionSource, outcomeApi } from './outcome-api';

const sourceKey = (s: DecisionSource) => `${s.room}/${s.id}`;

/** Record a decision, ticking the cards and groups it came from. */
export function DecisionForm({ sessionId, candidates }: { sessionId: string; candidates: { featured: DecisionSource[]; others: DecisionSource[] } }) {
  const { t } = useTranslation();
  const action = useAction();
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [empty, setEmpty] = useState(false);
  const [open, setOpen] = useState(false);
  const all = [...candidates.featured, ...candidates.others];

  const toggle = (key: string) =>
    setChosen((set) => {
      const next = new Set(set);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return setEmpty(true);
    setEmpty(false);
    const sources = all.filter((s) => chosen.has(sourceKey(s))).slice(0, 50).map((s) => ({ ...s, label: s.label.slice(0, 1000) }));
    const done = await action.run(() => outcomeApi.addDecision(sessionId, { text: text.trim(), sources }), () => t('outcome.decisionAdded'));
    if (done) {
      setText('');
      setChosen(new Set());
    }
  };
  const box = (s: DecisionSource) => (
    <label key={sourceKey(s)} className="check">
      <input type="checkbox" checked={chosen.has(sourceKey(s))} onChange={() => toggle(sourceKey(s))} />
      {s.kind === 'group' && <span aria-hidden="true">▣</span>}
      {s.label}
    </label>
  );

  return (
    <details className="consensus-form" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary id="decision-form-heading">{t('outcome.addDecisionTitle')}</summary>
      <form className="stack" onSubmit={submit} noValidate aria-labelledby="decision-form-heading">
        <div className="field">
          <label htmlFor="decision-text">{t('outcome.decisionText')}</label>
          <textarea id="decision-text" rows={2} maxLength={2000} value={text} aria-invalid={empty} onChange={(e) => setText(e.target.value)} />
        </div>
        <fieldset className="source-checks">
          <legend>{t('outcome.sources')}</legend>
          {candidates.featured.map(box)}
          {candidates.others.length > 0 && (
            <details>
              <summary>{t('outcome.sourcesMore', { count: candidates.others.length })}</summary>
              <div className="source-more">{candidates.others.map(box)}</div>
            </details>
          )}
        </fieldset>
        <LiveMessage tone={empty ? 'error' : action.message?.tone}>{empty ? t('outcome.decisionRequired') : action.message?.text}</LiveMessage>
        <button type="submit" className="button-primary" disabled={action.busy}>
          {t('outcome.addDecision')}
        </button>
      </form>
    </details>
  );
}

/** Record a follow-up action: what, for which decision, who (organisation and person), by when, status. */
export function ActionForm({ sessionId, decisions }: { sessionId: string; decisions: Decision[] }) {
  const { t } = useTranslation();
  const action = useAction();
  const [title, setTitle] = useState('');
  const [decisionId, setDecisionId] = useState('');
  const [org, setOrg] = useState('');
  const [person, setPerson] = useState('');
  const [due, setDue] = useState('');
  const [status, setStatus] = useState<ActionStatus>('not_started');
  const [empty, setEmpty] = useState(false);
  const [open, setOpen] = useState(false);
  const linked = decisions.some((d) => d.id === decisionId) ? decisionId : '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return setEmpty(true);
    setEmpty(false);
    const input = { title: title.trim(), decisionId: linked || null, ownerOrganization: org.trim(), ownerPerson: person.trim(), dueDate: due || null, status };
    const done = await action.run(() => outcomeApi.addAction(sessionId, input), () => t('outcome.actionAdded'));
    if (done) {
      setTitle('');
      setPerson('');
      setDue('');
    }
  };

  return (
    <details className="consensus-form" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary id="action-form-heading">{t('outcome.addActionTitle')}</summary>
      <form className="stack" onSubmit={submit} noValidate aria-labelledby="action-form-heading">
        <div className="form-grid">
          <div className="field form-grid-full">
            <label htmlFor="action-title">{t('outcome.actionTitle')}</label>
            <input id="action-title" maxLength={500} value={title} aria-invalid={empty} onChange={(e) => setTitle(e.target.value)} />
          </div>
          <div className="field form-grid-full">
            <label htmlFor="action-decision">{t('outcome.forDecision')}</label>
            <select id="action-decision" value={linked} onChange={(e) => setDecisionId(e.target.value)}>
              <option value="">{t('outcome.noDecision')}</option>
              {decisions.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.text.length > 60 ? `${d.text.slice(0, 59)}…` : d.text}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="action-org">{t('outcome.ownerOrganization')}</label>
            <input id="action-org" list="action-org-types" maxLength={120} value={org} onChange={(e) => setOrg(e.target.value)} />
            <datalist id="action-org-types">
              {ORGANIZATION_TYPES.map((id) => (
                <option key={id} value={t(`organizationType.${id}`)} />
              ))}
            </datalist>
          </div>
          <div className="field">
            <label htmlFor="action-person">{t('outcome.ownerPerson')}</label>
            <input id="action-person" maxLength={80} value={person} onChange={(e) => setPerson(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="action-due">{t('outcome.dueDate')}</label>
            <input id="action-due" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="action-status">{t('outcome.status')}</label>
            <select id="action-status" value={status} onChange={(e) => setStatus(e.target.value as ActionStatus)}>
              {ACTION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`actionStatus.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <LiveMessage tone={empty ? 'error' : action.message?.tone}>{empty ? t('outcome.actionRequired') : action.message?.text}</LiveMessage>
        <button type="submit" className="button-primary" disabled={action.busy}>
          {t('outcome.addAction')}
        </button>
      </form>
    </details>
  );
}
