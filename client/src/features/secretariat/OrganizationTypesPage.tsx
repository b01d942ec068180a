import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizationTypeEntry } from '../../../../shared/organization-types';
import { organizationTypesApi } from '../../api/organization-types';
import { forgetOrganizationTypeLabels } from '../../app/organization-types';
import { useAction } from '../../app/use-action';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useAccount } from '../facilitator/AccountGate';
import { SecretariatNav } from './SecretariatNav';

/**
 * `/secretariat/organization-types`: the organisation types participants pick from. The admin
 * adds, renames and retires them; ids never change, so figures compare across years.
 */
export function OrganizationTypesPage() {
  const { t } = useTranslation();
  const account = useAccount();
  const [types, setTypes] = useLoad(() => organizationTypesApi.listAll(), []);
  const admin = account.role === 'admin';
  const replace = (entry: OrganizationTypeEntry) => types.state === 'done' && setTypes(types.value.map((e) => (e.id === entry.id ? entry : e)));
  const reload = () => organizationTypesApi.listAll().then(setTypes);
  return (
    <div className="stack">
      <SecretariatNav />
      <h1>{t('orgTypes.title')}</h1>
      <p className="hint">{t('orgTypes.intro')}</p>
      {types.state === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {types.state === 'failed' && <p className="message message-error">{t('common.loadFailed')}</p>}
      {types.state === 'done' && (
        <table className="figure-table">
          <thead>
            <tr>
              <th scope="col">{t('orgTypes.id')}</th>
              <th scope="col">{t('orgTypes.labelJa')}</th>
              <th scope="col">{t('orgTypes.labelEn')}</th>
              <th scope="col">{t('orgTypes.status')}</th>
              {admin && <th scope="col">{t('orgTypes.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {types.value.map((entry) => (admin ? <TypeRow key={entry.id} entry={entry} onSaved={replace} /> : <TypeCells key={entry.id} entry={entry} />))}
          </tbody>
        </table>
      )}
      {admin && <AddTypeForm onAdded={reload} />}
    </div>
  );
}

function TypeCells({ entry }: { entry: OrganizationTypeEntry }) {
  const { t } = useTranslation();
  return (
    <tr>
      <td><code>{entry.id}</code></td>
      <td>{entry.labelJa}</td>
      <td>{entry.labelEn}</td>
      <td>{entry.retired ? t('orgTypes.retired') : t('orgTypes.active')}</td>
    </tr>
  );
}

function TypeRow({ entry, onSaved }: { entry: OrganizationTypeEntry; onSaved: (entry: OrganizationTypeEntry) => void }) {
  const { t } = useTranslation();
  const [labelJa, setLabelJa] = useState(entry.labelJa);
  const [labelEn, setLabelEn] = useState(entry.labelEn);
  const action = useAction();
  const change = async (patch: { labelJa?: string; labelEn?: string; retired?: boolean }, done: string) => {
    const saved = await action.run(() => organizationTypesApi.change(entry.id, patch), () => done);
    if (!saved) return;
    onSaved(saved);
    forgetOrganizationTypeLabels();
  };
  const name = entry.labelJa;
  return (
    <tr>
      <td><code>{entry.id}</code></td>
      <td>
        <input aria-label={t('orgTypes.labelJaOf', { id: entry.id })} required maxLength={60} value={labelJa} onChange={(e) => setLabelJa(e.target.value)} />
      </td>
      <td>
        <input aria-label={t('orgTypes.labelEnOf', { id: entry.id })} required maxLength={60} value={labelEn} onChange={(e) => setLabelEn(e.target.value)} />
      </td>
      <td>{entry.retired ? t('orgTypes.retired') : t('orgTypes.active')}</td>
      <td>
        <div className="button-row">
          <button type="button" disabled={action.busy || (labelJa === entry.labelJa && labelEn === entry.labelEn)} onClick={() => change({ labelJa, labelEn }, t('orgTypes.renamed', { name: labelJa }))} aria-label={t('orgTypes.saveOf', { name })}>
            {t('common.save')}
          </button>
          {entry.retired ? (
            <button type="button" className="button-quiet" disabled={action.busy} onClick={() => change({ retired: false }, t('orgTypes.restoredDone', { name }))} aria-label={t('orgTypes.restoreOf', { name })}>
              {t('orgTypes.restore')}
            </button>
          ) : (
            <button type="button" className="button-quiet" disabled={action.busy} onClick={() => change({ retired: true }, t('orgTypes.retiredDone', { name }))} aria-label={t('orgTypes.retireOf', { name })}>
              {t('orgTypes.retire')}
            </button>
          )}
        </div>
        <LiveMessage tone={action.message?.tone}>{action.message?.text}</LiveMessage>
      </td>
    </tr>
  );
}

function AddTypeForm({ onAdded }: { onAdded: () => Promise<void> }) {
  const { t } = useTranslation();
  const [values, setValues] = useState({ id: '', labelJa: '', labelEn: '' });
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const added = await action.run(() => organizationTypesApi.add({ id: values.id.trim(), labelJa: values.labelJa.trim(), labelEn: values.labelEn.trim() }), (e) => t('orgTypes.added', { name: e.labelJa }));
    if (!added) return;
    setValues({ id: '', labelJa: '', labelEn: '' });
    forgetOrganizationTypeLabels();
    await onAdded();
  };
  const field = (key: keyof typeof values, label: string, extra: Record<string, unknown> = {}) => (
    <div className="field">
      <label htmlFor={`org-type-${key}`}>{label}</label>
      <input id={`org-type-${key}`} required maxLength={key === 'id' ? 40 : 60} value={values[key]} onChange={(e) => setValues({ ...values, [key]: e.target.value })} {...extra} />
    </div>
  );
  return (
    <section className="panel" aria-labelledby="org-type-add-heading">
      <h2 id="org-type-add-heading">{t('orgTypes.addTitle')}</h2>
      <form className="stack" onSubmit={submit}>
        {field('id', t('orgTypes.newId'), { pattern: '[a-z0-9][a-z0-9_\\-]*', 'aria-describedby': 'org-type-id-hint' })}
        <p id="org-type-id-hint" className="hint">{t('orgTypes.idHint')}</p>
        {field('labelJa', t('orgTypes.labelJa'))}
        {field('labelEn', t('orgTypes.labelEn'))}
        <button type="submit" className="button-primary" disabled={action.busy}>
          {t('orgTypes.add')}
        </button>
        <LiveMessage tone={action.message?.tone}>{action.message?.text}</LiveMessage>
      </form>
    </section>
  );
}
