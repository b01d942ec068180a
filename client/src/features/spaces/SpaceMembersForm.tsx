import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SpaceView } from '../../../../shared/schemas/spaces';
import { clerkApi } from '../../api/clerk';
import { useAction } from '../../app/use-action';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { spacesApi } from './spaces-api';
import { reloadSpaces } from './working-space';

type Role = SpaceView['members'][number]['role'];
type Row = { userId: string; displayName: string; email: string; role: Role | 'none' };

/**
 * Who works in the space and as what. Everyone listed can be given another role or taken out;
 * an admin (who sees every account) also appoints new people. Saved as one list.
 */
export function SpaceMembersForm({ space, admin, onSaved }: { space: SpaceView; admin: boolean; onSaved: (view: SpaceView) => void }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Row[]>(space.members);
  const action = useAction();
  const setRole = (userId: string, role: Row['role']) => setRows(rows.map((r) => (r.userId === userId ? { ...r, role } : r)));
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const members = rows.flatMap((r) => (r.role === 'none' ? [] : [{ userId: r.userId, role: r.role }]));
    const saved = await action.run(() => spacesApi.setMembers(space.id, members), () => t('spaces.saved'));
    if (!saved) return;
    setRows(saved.members);
    onSaved(saved);
    reloadSpaces();
  };
  return (
    <section className="panel stack" aria-labelledby="space-members-heading">
      <h2 id="space-members-heading">{t('spaces.members')}</h2>
      <form className="stack" onSubmit={save}>
        {rows.length === 0 ? (
          <p className="muted">{t('spaces.noMembers')}</p>
        ) : (
          <div className="space-table-box">
            <table className="figure-table space-members">
              <caption className="visually-hidden">{t('spaces.membersCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('spaces.memberName')}</th>
                  <th scope="col">{t('spaces.memberEmail')}</th>
                  <th scope="col">{t('spaces.memberRole')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.userId}>
                    <th scope="row">{r.displayName}</th>
                    <td>{r.email}</td>
                    <td>
                      <RoleSelect label={t('spaces.roleOf', { name: r.displayName })} value={r.role} onChange={(role) => setRole(r.userId, role)} withNone />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {admin && <AppointField taken={new Set(rows.map((r) => r.userId))} onAdd={(row) => setRows([...rows, row])} />}
        <button type="submit" disabled={action.busy}>
          {t('spaces.saveMembers')}
        </button>
        <LiveMessage tone={action.message?.tone}>{action.message?.text ?? ''}</LiveMessage>
      </form>
    </section>
  );
}

function RoleSelect({ label, value, onChange, withNone, id }: { label?: string; value: Row['role']; onChange: (role: Row['role']) => void; withNone?: boolean; id?: string }) {
  const { t } = useTranslation();
  return (
    <select id={id} aria-label={label} value={value} onChange={(e) => onChange(e.target.value as Row['role'])}>
      <option value="secretariat">{t('spaces.role.secretariat')}</option>
      <option value="facilitator">{t('spaces.role.facilitator')}</option>
      {withNone && <option value="none">{t('spaces.role.none')}</option>}
    </select>
  );
}

/** The admin picks an account not yet listed and a role; it joins the list to be saved. */
function AppointField({ taken, onAdd }: { taken: ReadonlySet<string>; onAdd: (row: Row) => void }) {
  const { t } = useTranslation();
  const [accounts] = useLoad(() => clerkApi.accounts(), []);
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<Row['role']>('facilitator');
  // Admins work in every space and are never appointed.
  const free = accounts.state === 'done' ? accounts.value.filter((a) => a.role !== 'admin' && !taken.has(a.id)) : [];
  const add = () => {
    const account = free.find((a) => a.id === userId);
    if (!account) return;
    onAdd({ userId: account.id, displayName: account.displayName, email: account.email, role });
    setUserId('');
  };
  return (
    <div className="form-grid">
      <div className="field">
        <label htmlFor="space-appoint">{t('spaces.appoint')}</label>
        <select id="space-appoint" value={userId} onChange={(e) => setUserId(e.target.value)}>
          <option value="">{t('spaces.appointNone')}</option>
          {free.map((a) => (
            <option key={a.id} value={a.id}>
              {a.displayName}（{a.email}）
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="space-appoint-role">{t('spaces.appointRole')}</label>
        <RoleSelect id="space-appoint-role" value={role} onChange={setRole} />
      </div>
      <button type="button" className="button-quiet" onClick={add} disabled={!userId}>
        {t('spaces.appointAdd')}
      </button>
    </div>
  );
}
