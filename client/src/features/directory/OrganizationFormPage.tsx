import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { directoryApi, MEMBERSHIP_KINDS, type MembershipKind, ORGANIZATION_STATUSES, type OrganizationInput, type OrganizationView } from '../../api/directory';
import { useAction } from '../../app/use-action';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import { SecretariatNav } from '../secretariat/SecretariatNav';
import { useDirectoryLabels } from './labels';
import { SpaceSwitch, useSpace } from './SpaceSwitch';
import './directory.css';

/** Districts typed as one line, separated by 、 or a comma (as the city's lists write them). */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[、,，]/).map((s) => s.trim()).filter(Boolean))];
}

type Values = Record<'name' | 'kana' | 'organizationType' | 'districts' | 'contactName' | 'email' | 'phone' | 'url' | 'joinedOn', string> & {
  membership: MembershipKind;
  status: OrganizationView['status'];
};

function valuesOf(org: OrganizationView | null): Values {
  return {
    name: org?.name ?? '',
    kana: org?.kana ?? '',
    membership: org?.membership ?? 'none',
    organizationType: org?.organizationType ?? '',
    districts: (org?.districts ?? []).join('、'),
    contactName: org?.contactName ?? '',
    email: org?.email ?? '',
    phone: org?.phone ?? '',
    url: org?.url ?? '',
    joinedOn: org?.joinedOn ?? '',
    status: org?.status ?? 'active',
  };
}

/** The body the server takes; an emptied field is sent empty, so an edit clears it. */
function inputOf(values: Values): OrganizationInput {
  const clean = (s: string) => s.trim();
  return {
    name: values.name.trim(),
    kana: clean(values.kana),
    membership: values.membership,
    organizationType: values.organizationType,
    districts: splitList(values.districts),
    contactName: clean(values.contactName),
    email: clean(values.email),
    phone: clean(values.phone),
    url: clean(values.url),
    joinedOn: values.joinedOn || null,
    status: values.status,
  };
}

/** `/secretariat/organizations/new` and `…/:id/edit`: one member organisation's facts. */
export function OrganizationFormPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { id } = useParams();
  const [detail] = useLoad(() => (id ? directoryApi.organization(id) : Promise.resolve(null)), [id]);
  return (
    <div className="stack secretariat">
      <SecretariatNav />
      <h1>{id ? t('dir.orgForm.editTitle') : t('dir.orgForm.addTitle')}</h1>
      {detail.state === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {detail.state === 'failed' && <LiveMessage tone="error">{errorText(detail.error)}</LiveMessage>}
      {detail.state === 'done' && <OrganizationForm existing={detail.value?.organization ?? null} />}
    </div>
  );
}

function OrganizationForm({ existing }: { existing: OrganizationView | null }) {
  const { t } = useTranslation();
  const space = useSpace();
  const navigate = useNavigate();
  const spaceId = existing?.spaceId ?? space.space?.id ?? '';
  // The types this space offers (the installation's, less those it retired, plus its own).
  const [types] = useLoad(() => (spaceId ? directoryApi.organizationTypes(spaceId) : Promise.resolve([])), [spaceId]);
  const offered = types.state === 'done' ? types.value : [];
  // Only the membership kinds the space uses, and なし (the server refuses the others).
  const [settings] = useLoad(() => (spaceId ? directoryApi.space(spaceId) : Promise.resolve(null)), [spaceId]);
  const kinds = MEMBERSHIP_KINDS.filter((m) => m === 'none' || m === existing?.membership || (settings.state === 'done' && settings.value ? (settings.value.membershipKinds as string[]).includes(m) : true));
  const labels = useDirectoryLabels();
  const [values, setValues] = useState<Values>(() => valuesOf(existing));
  const action = useAction();
  const set = (key: keyof Values) => (e: { target: { value: string } }) => setValues({ ...values, [key]: e.target.value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = inputOf(values);
    const saved = existing
      ? await action.run(async () => (await directoryApi.changeOrganization(existing.id, input), { id: existing.id }))
      : space.space && (await action.run(() => directoryApi.addOrganization(space.space!.id, input)));
    if (saved) navigate(`/secretariat/organizations/${encodeURIComponent(saved.id)}`);
  };
  const text = (key: keyof Values, label: string, extra: Record<string, unknown> = {}) => (
    <div className="field">
      <label htmlFor={`org-${key}`}>{label}</label>
      <input id={`org-${key}`} value={values[key]} onChange={set(key)} maxLength={200} {...extra} />
    </div>
  );
  return (
    <form className="stack panel" onSubmit={submit}>
      {!existing && <SpaceSwitch state={space} />}
      {text('name', t('dir.org.name'), { required: true })}
      {text('kana', t('dir.org.kana'), { 'aria-describedby': 'org-kana-hint' })}
      <p id="org-kana-hint" className="hint">{t('dir.org.kanaHint')}</p>
      <div className="field">
        <label htmlFor="org-membership-input">{t('dir.org.membership')}</label>
        <select id="org-membership-input" value={values.membership} onChange={set('membership')}>
          {kinds.map((m) => (
            <option key={m} value={m}>
              {labels.membership(m)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="org-type-input">{t('dir.org.type')}</label>
        <select id="org-type-input" required value={values.organizationType} onChange={set('organizationType')}>
          <option value="">{t('dir.choose')}</option>
          {offered.map((type) => (
            <option key={type.id} value={type.id}>
              {type.label}
            </option>
          ))}
          {existing && !offered.some((type) => type.id === existing.organizationType) && <option value={existing.organizationType}>{existing.organizationType}</option>}
        </select>
      </div>
      {text('districts', t('dir.org.districts'), { 'aria-describedby': 'org-districts-hint' })}
      <p id="org-districts-hint" className="hint">{t('dir.listHint')}</p>
      {text('contactName', t('dir.org.contactName'))}
      {text('email', t('dir.org.email'), { type: 'email', autoComplete: 'off' })}
      {text('phone', t('dir.org.phone'), { type: 'tel' })}
      {text('url', t('dir.org.url'), { type: 'url' })}
      {text('joinedOn', t('dir.org.joinedOn'), { type: 'date' })}
      <div className="field">
        <label htmlFor="org-status-input">{t('dir.org.status')}</label>
        <select id="org-status-input" value={values.status} onChange={set('status')}>
          {ORGANIZATION_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`dir.org.status.${status}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={action.busy}>
          {t('common.save')}
        </button>
        <Link to={existing ? `/secretariat/organizations/${encodeURIComponent(existing.id)}` : '/secretariat/organizations'}>{t('common.cancel')}</Link>
      </div>
      <LiveMessage tone={action.message?.tone}>{action.message?.text}</LiveMessage>
    </form>
  );
}
