import { useTranslation } from 'react-i18next';
import type { PublicEntry, ResourceView } from '../../api/directory';
import { useDates } from '../secretariat/format';
import { useDirectoryLabels } from './labels';
import { FactList } from '../../components/FactList';

/** What a summary shows: the public fields, and the secretariat's (status, confirmation) when they came. */
export type SummaryEntry = Omit<PublicEntry, 'organization' | 'openThisWeek'> &
  Partial<Pick<ResourceView, 'status' | 'stale' | 'lastConfirmedOn'>> & { organization?: { name: string; url?: string }; openThisWeek?: boolean };

/**
 * One resource as a directory shows it: name, organisation, when (in words), where, for whom,
 * how to reach it. `staleFlag` marks entries not confirmed for a year (secretariat only).
 */
export function ResourceSummary({ resource, staleFlag = true, headingLevel = 3 }: { resource: SummaryEntry; staleFlag?: boolean; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const labels = useDirectoryLabels();
  const dates = useDates();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const facts: Array<[string, string]> = [
    [t('dir.res.when'), labels.schedule(resource.schedule)],
    [t('dir.res.where'), [resource.address, resource.districts.join(t('dir.listSeparator'))].filter(Boolean).join(' / ') || '—'],
    [t('dir.res.categories'), labels.list(resource.categories)],
    [t('dir.res.audiences'), labels.list(resource.audiences)],
    [t('dir.res.contact'), resource.contact || '—'],
  ];
  if (resource.capacity != null) facts.push([t('dir.res.capacity'), t('dir.res.people', { count: resource.capacity })]);
  if (resource.fees) facts.push([t('dir.res.fees'), resource.fees]);
  if (resource.howToApply) facts.push([t('dir.res.howToApply'), resource.howToApply]);
  return (
    <div className="stack dir-summary">
      <Heading className="dir-entry-title">{resource.name}</Heading>
      {resource.organization && (
        <p className="dir-org">
          {resource.organization.url ? (
            <a href={resource.organization.url} rel="noopener noreferrer" target="_blank">
              {resource.organization.name}
            </a>
          ) : (
            resource.organization.name
          )}
        </p>
      )}
      <p className="dir-badges">
        {resource.status && <span className={`dir-status dir-status-${resource.status}`}>{labels.status(resource.status)}</span>}
        {resource.openThisWeek && <span className="dir-status dir-status-active">{t('dir.res.openThisWeek')}</span>}
        {staleFlag && resource.stale && <span className="dir-stale">{t('dir.res.stale', { date: resource.lastConfirmedOn ? dates.shortDay(resource.lastConfirmedOn.slice(0, 10)) : t('dir.res.never') })}</span>}
      </p>
      {resource.description && <p>{resource.description}</p>}
      <FactList facts={facts} className="dir-facts" />
    </div>
  );
}
