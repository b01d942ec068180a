import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { directoryApi, MEMBERSHIP_KINDS, type OrganizationView } from '../../api/directory';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import { orderOrganizationTypes, useLabels } from '../secretariat/labels';
import { SecretariatNav } from '../secretariat/SecretariatNav';
import { BatchLinksPanel } from './BatchLinksPanel';
import { useDirectoryLabels } from './labels';
import { SpaceSwitch, useSpace } from './SpaceSwitch';
import '../secretariat/secretariat.css';
import './directory.css';

const collator = new Intl.Collator('ja');

/** Organisations in 五十音 order of their reading (the name when there is none). */
export function sortByKana(list: OrganizationView[]): OrganizationView[] {
  return [...list].sort((a, b) => collator.compare(a.kana || a.name, b.kana || b.name));
}

/** Whether an organisation matches the typed words: in its name or its reading, hiragana or katakana alike. */
function matches(org: OrganizationView, q: string): boolean {
  const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
  const needle = fold(q.trim());
  return !needle || fold(`${org.name} ${org.kana}`).includes(needle);
}

/** `/secretariat/organizations`: the space's member organisations, filtered, with import and export. */
export function OrganizationsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const space = useSpace();
  const spaceId = space.space?.id ?? '';
  const [orgs] = useLoad(() => (spaceId ? directoryApi.organizations(spaceId) : Promise.resolve([])), [spaceId]);
  const [q, setQ] = useState('');
  const [membership, setMembership] = useState('');
  const [type, setType] = useState('');
  const labels = useLabels();
  const dirLabels = useDirectoryLabels();
  const all = orgs.state === 'done' ? orgs.value : [];
  const shown = sortByKana(all.filter((o) => matches(o, q) && (!membership || o.membership === membership) && (!type || o.organizationType === type)));
  return (
    <div className="stack secretariat orgs-page">
      <SecretariatNav />
      <h1>{t('dir.orgs.title')}</h1>
      <SpaceSwitch state={space} />
      {spaceId && (
        <p className="link-row no-print">
          <Link to="/secretariat/organizations/new">{t('dir.orgs.add')}</Link>
          <Link to="/secretariat/organizations/import">{t('dir.orgs.import')}</Link>
          <a href={directoryApi.organizationsCsvUrl(spaceId)} download>
            {t('dir.orgs.exportCsv')}
          </a>
          <a href={directoryApi.organizationsJsonUrl(spaceId)} download>
            {t('dir.orgs.exportJson')}
          </a>
        </p>
      )}
      <div className="filter-grid no-print" role="search" aria-label={t('dir.orgs.filters')}>
        <div className="field">
          <label htmlFor="org-q">{t('dir.orgs.search')}</label>
          <input id="org-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="org-membership">{t('dir.org.membership')}</label>
          <select id="org-membership" value={membership} onChange={(e) => setMembership(e.target.value)}>
            <option value="">{t('dir.all')}</option>
            {MEMBERSHIP_KINDS.map((m) => (
              <option key={m} value={m}>
                {dirLabels.membership(m)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="org-type">{t('dir.org.type')}</label>
          <select id="org-type" value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">{t('dir.all')}</option>
            {orderOrganizationTypes(all.map((o) => o.organizationType)).map((id) => (
              <option key={id} value={id}>
                {labels.organizationType(id)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {orgs.state === 'loading' && spaceId && <p className="muted">{t('common.loading')}</p>}
      {orgs.state === 'failed' && <LiveMessage tone="error">{errorText(orgs.error)}</LiveMessage>}
      {orgs.state === 'done' && (
        <>
          <p aria-live="polite">{t('dir.orgs.count', { shown: shown.length, total: all.length })}</p>
          <div className="table-scroll" role="region" aria-labelledby="org-table-caption" tabIndex={0}>
            <table className="figure-table">
              <caption id="org-table-caption">{t('dir.orgs.table')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dir.org.name')}</th>
                  <th scope="col">{t('dir.org.membership')}</th>
                  <th scope="col">{t('dir.org.type')}</th>
                  <th scope="col">{t('dir.org.districts')}</th>
                  <th scope="col">{t('dir.org.contactName')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((o) => (
                  <tr key={o.id}>
                    <th scope="row">
                      <Link to={`/secretariat/organizations/${encodeURIComponent(o.id)}`}>{o.name}</Link>
                      {o.kana && <span className="dir-kana">{o.kana}</span>}
                      {o.status === 'inactive' && <span className="dir-kana">{t('dir.org.status.inactive')}</span>}
                    </th>
                    <td>{dirLabels.membership(o.membership)}</td>
                    <td>{labels.organizationType(o.organizationType)}</td>
                    <td>{dirLabels.list(o.districts)}</td>
                    <td>{o.contactName || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <BatchLinksPanel spaceId={spaceId} members={all.filter((o) => o.status === 'active').length} />
        </>
      )}
    </div>
  );
}
