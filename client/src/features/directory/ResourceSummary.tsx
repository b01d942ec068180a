import { useTranslation } from 'react-i18next';
import type { DirectoryEntry, ResourceView } from '../../api/directory';
import { useDates } from '../secretariat/format';
import { useDirectoryLabels } from './labels';

/** How to reach a resource: its own contact, else its organisation's phone or e-mail. */
export function contactOf(entry: ResourceView & Partial<Pick<DirectoryEntry, 'organization'>>): string {
  return entry.contact || entry.organization?.phone || entry.organization?.email || '';
}

/**
 * One resource as a directory shows it: name, organisation, when (in words), where, for whom,
 * how to reach it. `staleFlag` marks entries not confirmed for a year (secretariat only).
 */
export function ResourceSummary({ resource, staleFlag = true, headingLevel = 3 }: { resource: ResourceView & Partial<Pick<DirectoryEntry, 'organization'>>; staleFlag?: boolean; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const labels = useDirectoryLabels();
  const dates = useDates();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const contact = contactOf(resource);
  const facts: Array<[string, string]> = [
    [t('dir.res.when'), labels.schedule(resource.schedule)],
    [t('dir.res.where'), [resource.address, labels.list(resource.districts)].filter((s) => s && s !== t('dir.none')).join(' / ') || '—'],
    [t('dir.res.categories'), labels.list(resource.categories)],
    [t('dir.res.audiences'), labels.list(resource.audiences)],
    [t('dir.res.contact'), contact || '—'],
  ];
  if (resource.fees) facts.push([t('dir.res.fees'), resource.fees]);
  if (resource.howToApply) facts.push([t('dir.res.howToApply'), resource.howToApply]);
  return (
    <div className="stack dir-summary">
      <Heading className="dir-entry-title">{resource.name}</Heading>
      {resource.organization && <p className="dir-org">{resource.organization.name}</p>}
      <p className="dir-badges">
        <span className={`dir-status dir-status-${resource.status}`}>{labels.status(resource.status)}</span>
        {staleFlag && resource.stale && <span className="dir-stale">{t('dir.res.stale', { date: resource.lastConfirmedOn ? dates.shortDay(resource.lastConfirmedOn.slice(0, 10)) : t('dir.res.never') })}</span>}
      </p>
      {resource.description && <p>{resource.description}</p>}
      <dl className="dir-facts">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
