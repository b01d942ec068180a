import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { directoryApi, TAXONOMY_FACETS, type TaxonomiesView, type TaxonomyFacet, type TaxonomyTerm } from '../../api/directory';
import { useAction } from '../../app/use-action';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import { SecretariatNav } from '../secretariat/SecretariatNav';
import { SpaceSwitch, useSpace } from './SpaceSwitch';
import '../secretariat/secretariat.css';
import './directory.css';

/**
 * `/secretariat/directory/taxonomies`: the space's categories, audiences and districts. A term
 * renamed keeps its id (entries follow the new name); one taken off is retired, not deleted, so
 * entries that carry it still read it, and it can be brought back.
 */
export function TaxonomiesPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const space = useSpace();
  const spaceId = space.space?.id ?? '';
  const [view, setView] = useLoad(() => (spaceId ? directoryApi.taxonomies(spaceId) : Promise.resolve(null)), [spaceId]);
  return (
    <div className="stack secretariat">
      <SecretariatNav />
      <h1>{t('dir.tax.title')}</h1>
      <SpaceSwitch state={space} />
      <p className="hint">{t('dir.tax.intro')}</p>
      <p>
        <Link to="/secretariat/directory">{t('dir.view.title')}</Link>
      </p>
      {view.state === 'loading' && spaceId && <p className="muted">{t('common.loading')}</p>}
      {view.state === 'failed' && <LiveMessage tone="error">{errorText(view.error)}</LiveMessage>}
      {view.state === 'done' &&
        view.value &&
        TAXONOMY_FACETS.map((facet) => <FacetEditor key={`${spaceId}/${facet}`} spaceId={spaceId} facet={facet} terms={view.value![facet]} onSaved={setView} />)}
    </div>
  );
}

/** The terms in use, as the editor holds them. */
function liveOf(terms: TaxonomyTerm[]): Array<{ id?: string; label: string }> {
  return terms.filter((term) => !term.retired).map(({ id, label }) => ({ id, label }));
}

function FacetEditor({ spaceId, facet, terms, onSaved }: { spaceId: string; facet: TaxonomyFacet; terms: TaxonomyTerm[]; onSaved: (view: TaxonomiesView) => void }) {
  const { t } = useTranslation();
  const [live, setLive] = useState(() => liveOf(terms));
  const [added, setAdded] = useState('');
  const action = useAction();
  const retired = terms.filter((term) => term.retired && !live.some((l) => l.id === term.id));
  const title = t(`dir.tax.${facet}`);
  const save = async (list: Array<{ id?: string; label: string }>) => {
    const view = await action.run(() => directoryApi.putTaxonomy(spaceId, facet, list.map((term) => ({ ...term, label: term.label.trim() }))), () => t('dir.tax.saved', { facet: title }));
    if (!view) return;
    // The editor goes on from what was stored (new terms now have their ids).
    setLive(liveOf(view[facet]));
    setAdded('');
    onSaved(view);
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (added.trim()) void save([...live, { id: undefined, label: added }]);
  };
  return (
    <section className="panel stack" aria-labelledby={`tax-${facet}`}>
      <h2 id={`tax-${facet}`}>{title}</h2>
      <ul className="stack tax-list">
        {live.map((term, i) => (
          <li key={term.id ?? `new-${i}`} className="tax-row">
            <input aria-label={t('dir.tax.labelOf', { label: term.label })} value={term.label} maxLength={60} required onChange={(e) => setLive(live.map((l, j) => (j === i ? { ...l, label: e.target.value } : l)))} />
            <button type="button" className="button-quiet" onClick={() => setLive(live.filter((_, j) => j !== i))} aria-label={t('dir.tax.retireOf', { label: term.label })}>
              {t('dir.tax.retire')}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="button-primary" disabled={action.busy} onClick={() => save(live)}>
        {t('dir.tax.save', { facet: title })}
      </button>
      <form className="tax-row" onSubmit={add}>
        <label htmlFor={`tax-add-${facet}`}>{t('dir.tax.add')}</label>
        <input id={`tax-add-${facet}`} value={added} maxLength={60} onChange={(e) => setAdded(e.target.value)} />
        <button type="submit" disabled={action.busy}>
          {t('dir.tax.addButton')}
        </button>
      </form>
      {retired.length > 0 && (
        <p className="button-row">
          <span className="muted">{t('dir.tax.retired')}</span>
          {retired.map((term) => (
            <button key={term.id} type="button" className="button-quiet" disabled={action.busy} onClick={() => save([...live, { id: term.id, label: term.label }])} aria-label={t('dir.tax.restoreOf', { label: term.label })}>
              {term.label}
            </button>
          ))}
        </p>
      )}
      <LiveMessage tone={action.message?.tone}>{action.message?.text}</LiveMessage>
    </section>
  );
}
