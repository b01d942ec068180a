import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type ChangeView, directoryApi, type OrganizationDetail } from '../../api/directory';
import { ACTION_STATUSES, type ActionStatus } from '../../../../shared/schemas/consensus';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import { useDates } from '../secretariat/format';
import { useLabels } from '../secretariat/labels';
import { SecretariatNav } from '../secretariat/SecretariatNav';
import { useDirectoryLabels } from './labels';
import { ResourceSummary } from './ResourceSummary';
import { UpdateLinkPanel } from './UpdateLinkPanel';
import '../secretariat/secretariat.css';
import './directory.css';
import { FactList } from '../../components/FactList';

/** `/secretariat/organizations/:id`: one member, its resources, what its people took part in, its history, its update link. */
export function OrganizationPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { id = '' } = useParams();
  const [detail] = useLoad(() => directoryApi.organization(id), [id]);
  return (
    <div className="stack secretariat org-page">
      <SecretariatNav />
      {detail.state === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {detail.state === 'failed' && <LiveMessage tone="error">{errorText(detail.error)}</LiveMessage>}
      {detail.state === 'done' && <Organization detail={detail.value} />}
    </div>
  );
}

function Organization({ detail }: { detail: OrganizationDetail }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const dirLabels = useDirectoryLabels();
  const dates = useDates();
  const org = detail.organization;
  const path = `/secretariat/organizations/${encodeURIComponent(org.id)}`;
  const facts: Array<[string, string]> = [
    [t('dir.org.kana'), org.kana || '—'],
    [t('dir.org.membership'), dirLabels.membership(org.membership)],
    [t('dir.org.type'), labels.organizationType(org.organizationType)],
    [t('dir.org.districts'), dirLabels.list(org.districts)],
    [t('dir.org.contactName'), org.contactName || '—'],
    [t('dir.org.email'), org.email || '—'],
    [t('dir.org.phone'), org.phone || '—'],
    [t('dir.org.url'), org.url || '—'],
    [t('dir.org.joinedOn'), org.joinedOn ? dates.shortDay(org.joinedOn) : '—'],
    [t('dir.org.status'), t(`dir.org.status.${org.status}`)],
  ];
  return (
    <>
      <h1>{org.name}</h1>
      <FactList facts={facts} className="facts no-print" />
      <p className="link-row no-print">
        <Link to={`${path}/edit`}>{t('dir.org.edit')}</Link>
        <Link to={`${path}/resources/new`}>{t('dir.res.add')}</Link>
      </p>
      <section className="stack no-print" aria-labelledby="org-resources-heading">
        <h2 id="org-resources-heading">{t('dir.org.resources')}</h2>
        {detail.resources.length === 0 && <p className="muted">{t('dir.org.noResources')}</p>}
        <ul className="dir-list">
          {detail.resources.map((r) => (
            <li key={r.id} className="dir-entry">
              <ResourceSummary resource={r} />
              <Link to={`${path}/resources/${encodeURIComponent(r.id)}`} aria-label={t('dir.res.editOf', { name: r.name })}>
                {t('common.edit')}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <UpdateLinkPanel organizationId={org.id} organizationName={org.name} email={org.email} existing={detail.updateLink.open ? { expiresAt: detail.updateLink.expiresAt } : null} />
      <section className="stack no-print" aria-labelledby="org-sessions-heading">
        <h2 id="org-sessions-heading">{t('dir.org.sessions')}</h2>
        {detail.sessionsAttended === null ? (
          <p className="hint">{t('dir.org.sessionsUnknown')}</p>
        ) : detail.sessionsAttended.length === 0 ? (
          <p className="muted">{t('dir.none')}</p>
        ) : (
          <ul>
            {detail.sessionsAttended.map((s) => (
              <li key={s.id}>
                <Link to={`/secretariat/sessions/${encodeURIComponent(s.id)}/report`}>{s.heldOn ? `${dates.shortDay(s.heldOn)} ${s.title}` : s.title}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="stack no-print" aria-labelledby="org-actions-heading">
        <h2 id="org-actions-heading">{t('dir.org.actions')}</h2>
        {detail.actions.length === 0 ? (
          <p className="muted">{t('dir.none')}</p>
        ) : (
          <ul>
            {detail.actions.map((a) => (
              <li key={a.id} className="org-action">
                <span>{a.title}</span>
                <span className="badge-status">{(ACTION_STATUSES as readonly string[]).includes(a.status) ? labels.actionStatus(a.status as ActionStatus) : a.status}</span>
                {a.dueDate && <span>{t('dir.org.due', { date: dates.shortDay(a.dueDate) })}</span>}
                <Link to={`/secretariat/sessions/${encodeURIComponent(a.sessionId)}/report`} aria-label={t('dir.org.actionSession', { title: a.sessionTitle })}>
                  {a.sessionTitle}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <History entries={detail.changes} />
    </>
  );
}

/** A value of the change log as one line; nothing as a dash. */
function shown(value: string | null): string {
  return value === null || value === '' ? '—' : value;
}

function History({ entries }: { entries: ChangeView[] }) {
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <section className="stack no-print" aria-labelledby="org-history-heading">
      <h2 id="org-history-heading">{t('dir.org.history')}</h2>
      {entries.length === 0 ? (
        <p className="muted">{t('dir.none')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="org-history-caption" tabIndex={0}>
          <table className="figure-table">
            <caption id="org-history-caption" className="visually-hidden">
              {t('dir.org.history')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('dir.history.at')}</th>
                <th scope="col">{t('dir.history.by')}</th>
                <th scope="col">{t('dir.history.field')}</th>
                <th scope="col">{t('dir.history.before')}</th>
                <th scope="col">{t('dir.history.after')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => (
                <tr key={i}>
                  <td>{dates.moment(e.at)}</td>
                  <td>{e.byName || e.by}</td>
                  <td>{t('dir.history.fieldOf', { entity: t(`dir.history.${e.entity}`), field: e.field })}</td>
                  <td>{shown(e.before)}</td>
                  <td>{shown(e.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
