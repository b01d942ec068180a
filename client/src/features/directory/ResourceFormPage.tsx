import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { directoryApi, type OrganizationDetail } from '../../api/directory';
import { useAction } from '../../app/use-action';
import { useLoad } from '../../app/use-load';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import { SecretariatNav } from '../secretariat/SecretariatNav';
import { ResourceForm } from './ResourceForm';
import { useSpace } from './SpaceSwitch';
import { useTaxonomy } from './taxonomy';
import '../secretariat/secretariat.css';
import './directory.css';

/** `/secretariat/organizations/:id/resources/new` and `…/:resourceId`: one social resource of a member. */
export function ResourceFormPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { id = '', resourceId } = useParams();
  const [detail] = useLoad(() => directoryApi.organization(id), [id]);
  return (
    <div className="stack secretariat">
      <SecretariatNav />
      {detail.state === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {detail.state === 'failed' && <LiveMessage tone="error">{errorText(detail.error)}</LiveMessage>}
      {detail.state === 'done' && <Form detail={detail.value} resourceId={resourceId} />}
    </div>
  );
}

function Form({ detail, resourceId }: { detail: OrganizationDetail; resourceId: string | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const space = useSpace();
  const taxonomy = useTaxonomy(space.space?.id ?? '');
  const org = detail.organization;
  const back = `/secretariat/organizations/${encodeURIComponent(org.id)}`;
  const resource = resourceId ? (detail.resources.find((r) => r.id === resourceId) ?? null) : null;
  if (resourceId && !resource) return <p className="message message-error">{t('error.not_found')}</p>;
  return (
    <>
      <h1>{resource ? t('dir.res.editTitle', { name: resource.name }) : t('dir.res.addTitle')}</h1>
      <p>
        <Link to={back}>{t('dir.res.backTo', { name: org.name })}</Link>
      </p>
      <ResourceForm
        // A new form per resource: its fields start from that resource.
        key={resource?.id ?? 'new'}
        resource={resource}
        taxonomy={taxonomy}
        submitLabel={resource ? t('common.save') : t('dir.res.add')}
        onSubmit={async (input) => {
          if (resource) await directoryApi.changeResource(resource.id, input);
          else await directoryApi.addResource(org.id, input);
          navigate(back);
        }}
      />
      {resource && <RemoveResource id={resource.id} name={resource.name} onRemoved={() => navigate(back)} />}
    </>
  );
}

/** Delete an entry after an in-app confirmation; its change history stays with the organisation. */
function RemoveResource({ id, name, onRemoved }: { id: string; name: string; onRemoved: () => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const action = useAction();
  const remove = async () => {
    if (await action.run(async () => (await directoryApi.removeResource(id), true))) onRemoved();
    else setAsking(false);
  };
  return (
    <div className="stack">
      <p>
        <button type="button" className="button-danger" onClick={() => setAsking(true)}>
          {t('dir.res.remove')}
        </button>
      </p>
      <LiveMessage tone={action.message?.tone}>{action.message?.text}</LiveMessage>
      {asking && (
        <ConfirmDialog title={t('dir.res.removeTitle', { name })} confirmLabel={t('dir.res.removeConfirm')} onConfirm={remove} onCancel={() => setAsking(false)} busy={action.busy}>
          <p>{t('dir.res.removeHint')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
