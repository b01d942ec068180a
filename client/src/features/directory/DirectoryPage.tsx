import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { directoryApi } from '../../api/directory';
import { SecretariatNav } from '../secretariat/SecretariatNav';
import { DirectoryView } from './DirectoryView';
import { SpaceSwitch, useSpace } from './SpaceSwitch';
import { useTaxonomy } from './taxonomy';
import '../secretariat/secretariat.css';
import './directory.css';

/** `/secretariat/directory`: every entry of the space, stale ones flagged, with exports and the public view's address. */
export function DirectoryPage() {
  const { t } = useTranslation();
  const space = useSpace();
  const spaceId = space.space?.id ?? '';
  const taxonomy = useTaxonomy(spaceId);
  return (
    <div className="stack secretariat">
      <SecretariatNav />
      <SpaceSwitch state={space} />
      {spaceId && (
        <>
          <p className="link-row no-print">
            <Link to="/secretariat/directory/figures">{t('dir.figures.title')}</Link>
            <Link to={`/d/${encodeURIComponent(spaceId)}`}>{t('dir.view.publicLink')}</Link>
            <a href={directoryApi.hsdsUrl(spaceId)} download>
              {t('dir.view.exportHsds')}
            </a>
            <a href={directoryApi.directoryCsvUrl(spaceId)} download>
              {t('dir.view.exportCsv')}
            </a>
          </p>
          <DirectoryView scope={spaceId} load={(q) => directoryApi.directory(spaceId, q)} taxonomy={taxonomy} staleFlag title={t('dir.view.title')} />
        </>
      )}
    </div>
  );
}
