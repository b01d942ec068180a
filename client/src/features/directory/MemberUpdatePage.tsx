import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { memberApi, type MemberView, type ResourceInput, taxonomyOf } from '../../api/directory';
import { ApiError } from '../../api/http';
import { useAction } from '../../app/use-action';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import { useDates } from '../secretariat/format';
import { useDirectoryLabels } from './labels';
import { MemberOrganizationForm } from './MemberOrganizationForm';
import { ResourceForm } from './ResourceForm';
import { withDefaults } from './taxonomy';
import './directory.css';

/**
 * `/u/:token`: a member organisation keeps its own entries current without an account. The
 * confirmation comes first, since most visits find everything still right; each entry opens to
 * its form, and a new one can be added.
 */
export function MemberUpdatePage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { token = '' } = useParams();
  const [view, setView] = useLoad(() => memberApi.open(token), [token]);
  const reload = async () => setView(await memberApi.open(token));
  if (view.state === 'loading') return <p className="muted">{t('common.loading')}</p>;
  if (view.state === 'failed') {
    const gone = view.error instanceof ApiError && (view.error.status === 404 || view.error.status === 410);
    return (
      <div className="stack phone-page member-page">
        <h1>{t('dir.member.title')}</h1>
        <LiveMessage tone="error">{gone ? t('dir.member.gone') : errorText(view.error)}</LiveMessage>
      </div>
    );
  }
  return <Member token={token} view={view.value} reload={reload} />;
}

function Member({ token, view, reload }: { token: string; view: MemberView; reload: () => Promise<void> }) {
  const { t } = useTranslation();
  const labels = useDirectoryLabels();
  const dates = useDates();
  const confirm = useAction();
  const [added, setAdded] = useState<string | null>(null);
  const taxonomy = withDefaults(taxonomyOf(view.taxonomies));
  const confirmed = view.resources.map((r) => r.lastConfirmedOn).filter((d): d is string => !!d).sort()[0];
  const save = (id: string | null) => async (input: ResourceInput) => {
    if (id) await memberApi.changeResource(token, id, input);
    else await memberApi.addResource(token, input);
    await reload();
    if (!id) setAdded(t('dir.res.saved', { name: input.name }));
  };
  const onConfirm = async () => {
    const done = await confirm.run(() => memberApi.confirm(token), (r) => t('dir.member.confirmed', { date: dates.shortDay(r.confirmedOn) }));
    if (done) await reload();
  };
  return (
    <div className="stack phone-page member-page">
      <h1>{view.organization.name}</h1>
      <p className="member-intro">{t('dir.member.intro')}</p>
      {/* First after the title and one line: most visits find everything still right. */}
      <button type="button" className="button-primary button-big" disabled={confirm.busy} onClick={onConfirm}>
        {t('dir.member.confirm')}
      </button>
      <LiveMessage tone={confirm.message?.tone}>{confirm.message?.text}</LiveMessage>
      {confirmed && <p className="hint">{t('dir.member.lastConfirmed', { date: dates.shortDay(confirmed.slice(0, 10)) })}</p>}
      <h2>{t('dir.member.entries')}</h2>
      <p className="hint">{t('dir.member.entriesHint')}</p>
      {view.resources.length === 0 && <p className="muted">{t('dir.org.noResources')}</p>}
      {view.resources.map((r) => (
        <details key={r.id} className="panel member-entry">
          <summary>
            <span className="member-entry-name">{r.name}</span>
            <span className="member-entry-when">{labels.schedule(r.schedule)}</span>
          </summary>
          <ResourceForm resource={r} taxonomy={taxonomy} submitLabel={t('dir.member.saveEntry')} onSubmit={save(r.id)} />
        </details>
      ))}
      <LiveMessage>{added}</LiveMessage>
      <details className="panel member-entry">
        <summary>{t('dir.member.addEntry')}</summary>
        {/* A fresh, empty form once an entry was added. */}
        <ResourceForm key={view.resources.length} resource={null} taxonomy={taxonomy} submitLabel={t('dir.member.addButton')} onSubmit={save(null)} />
      </details>
      <details className="panel member-entry">
        <summary>{t('dir.member.details')}</summary>
        <MemberOrganizationForm token={token} organization={view.organization} onSaved={reload} />
      </details>
    </div>
  );
}
