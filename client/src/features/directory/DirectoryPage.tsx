import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { directoryApi, HSDS_CSV_TABLES, taxonomyOf } from '../../api/directory';
import { SecretariatNav } from '../secretariat/SecretariatNav';
import { DirectoryView } from './DirectoryView';
import { SpaceSwitch, useSpace } from './SpaceSwitch';
import '../secretariat/secretariat.css';
import './directory.css';

/** `/secretariat/directory`: every entry of the space, stale ones flagged, with exports and the public view's address. */
export function DirectoryPage() {
  const { t } = useTranslation();
  const space = useSpace();
  const spaceId = space.space?.id ?? '';
  return (
    <div className="stack secretariat">
      <SecretariatNav />
      <SpaceSwitch state={space} />
      {spaceId && (
        <DirectoryView
          scope={spaceId}
          load={async (q) => {
            const answer = await directoryApi.directory(spaceId, q);
            return { entries: answer.entries, taxonomy: taxonomyOf(answer.taxonomies) };
          }}
          secretariat
          title={t('dir.view.title')}
          aside={
            <>
              <p className="link-row">
                <Link to="/secretariat/directory/figures">{t('dir.figures.title')}</Link>
                <Link to="/secretariat/directory/taxonomies">{t('dir.tax.title')}</Link>
                <Link to={`/d/${encodeURIComponent(spaceId)}`}>{t('dir.view.publicLink')}</Link>
                <a href={directoryApi.hsdsUrl(spaceId)} download>
                  {t('dir.view.exportHsds')}
                </a>
              </p>
              <details>
                <summary>{t('dir.view.exportCsv')}</summary>
                <p className="link-row">
                  {HSDS_CSV_TABLES.map((table) => (
                    <a key={table} href={directoryApi.hsdsCsvUrl(spaceId, table)} download>
                      {table}.csv
                    </a>
                  ))}
                </p>
              </details>
            </>
          }
        />
      )}
    </div>
  );
}
