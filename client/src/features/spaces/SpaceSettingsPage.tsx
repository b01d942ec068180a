import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { MEMBERSHIP_KINDS, type MembershipKind, type SpaceView } from '../../../../shared/schemas/spaces';
import { api } from '../../api/endpoints';
import { surveyEditorApi } from '../../api/survey-editor';
import { useAction } from '../../app/use-action';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import { useAccount } from '../facilitator/AccountGate';
import { SecretariatNav } from '../secretariat/SecretariatNav';
import { SpaceMembersForm } from './SpaceMembersForm';
import { SpaceTypesForm } from './SpaceTypesForm';
import { spacesApi } from './spaces-api';
import { reloadSpaces } from './working-space';
import './spaces.css';

/** `/secretariat/spaces/:id`: a space's name, membership kinds, survey defaults, organisation types and people. */
export function SpaceSettingsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { id = '' } = useParams();
  const account = useAccount();
  const [space, setSpace] = useLoad(() => spacesApi.get(id), [id]);
  return (
    <div className="stack">
      <SecretariatNav />
      <Link to="/secretariat/spaces">{t('spaces.back')}</Link>
      {space.state === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {space.state === 'failed' && <LiveMessage tone="error">{errorText(space.error)}</LiveMessage>}
      {space.state === 'done' && (
        // Keyed by the space, so the forms start again from what the server says after each load.
        <Settings key={space.value.id} space={space.value} admin={account.role === 'admin'} onSaved={setSpace} />
      )}
    </div>
  );
}

function Settings({ space, admin, onSaved }: { space: SpaceView; admin: boolean; onSaved: (view: SpaceView) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('spaces.settingsTitle', { name: space.name })}</h1>
      {!space.canManage && <p className="hint">{t('spaces.readOnly')}</p>}
      {space.canManage && <NameForm space={space} onSaved={onSaved} />}
      <KindsForm space={space} onSaved={onSaved} />
      <SurveyDefaults space={space} onSaved={onSaved} />
      <SpaceTypesForm space={space} canManage={space.canManage} onSaved={onSaved} />
      {space.canManage && <SpaceMembersForm space={space} admin={admin} onSaved={onSaved} />}
    </>
  );
}

function NameForm({ space, onSaved }: { space: SpaceView; onSaved: (view: SpaceView) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(space.name);
  const action = useAction();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await action.run(() => spacesApi.patch(space.id, { name: name.trim() }), () => t('spaces.saved'));
    if (!saved) return;
    onSaved(saved);
    reloadSpaces();
  };
  return (
    <form className="panel form-grid" onSubmit={save} aria-labelledby="space-name-label">
      <div className="field">
        <label id="space-name-label" htmlFor="space-rename">{t('spaces.name')}</label>
        <input id="space-rename" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <button type="submit" disabled={action.busy}>
        {t('spaces.saveName')}
      </button>
      <LiveMessage tone={action.message?.tone}>{action.message?.text ?? ''}</LiveMessage>
    </form>
  );
}

function KindsForm({ space, onSaved }: { space: SpaceView; onSaved: (view: SpaceView) => void }) {
  const { t } = useTranslation();
  const [kinds, setKinds] = useState<ReadonlySet<MembershipKind>>(new Set(space.membershipKinds));
  const action = useAction();
  const toggle = (kind: MembershipKind, on: boolean) => {
    const next = new Set(kinds);
    if (on) next.add(kind);
    else next.delete(kind);
    setKinds(next);
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    // In the fixed order, whatever order they were ticked in.
    const saved = await action.run(() => spacesApi.patch(space.id, { membershipKinds: MEMBERSHIP_KINDS.filter((k) => kinds.has(k)) }), () => t('spaces.saved'));
    if (saved) onSaved(saved);
  };
  return (
    <form className="panel stack" onSubmit={save}>
      <fieldset className="choice-group" disabled={!space.canManage}>
        <legend>{t('spaces.kinds')}</legend>
        {MEMBERSHIP_KINDS.map((kind) => (
          <label key={kind} className="choice">
            <input type="checkbox" checked={kinds.has(kind)} onChange={(e) => toggle(kind, e.target.checked)} />
            {t(`spaces.kind.${kind}`)}
          </label>
        ))}
      </fieldset>
      {space.canManage && (
        <button type="submit" disabled={action.busy}>
          {t('spaces.saveKinds')}
        </button>
      )}
      <LiveMessage tone={action.message?.tone}>{action.message?.text ?? ''}</LiveMessage>
    </form>
  );
}

/**
 * What new sessions' survey starts as: the standard one, or the questions of one of the space's
 * sessions (written in its survey editor), taken as the space's default.
 */
function SurveyDefaults({ space, onSaved }: { space: SpaceView; onSaved: (view: SpaceView) => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const [sessions] = useLoad(() => (space.canManage ? api.listSessions(space.id) : Promise.resolve([])), [space.id, space.canManage]);
  const [from, setFrom] = useState('');
  const count = space.surveyDefaults.length;
  const save = async (questions: () => Promise<SpaceView['surveyDefaults']>) => {
    const saved = await action.run(async () => spacesApi.patch(space.id, { surveyDefaults: await questions() }), () => t('spaces.saved'));
    if (saved) onSaved(saved);
  };
  // A session still on the standard questions gives the standard survey (an empty list).
  const copy = () => save(async () => {
    const editor = await surveyEditorApi.load(from);
    return editor.standard ? [] : editor.questions;
  });
  const list = sessions.state === 'done' ? sessions.value : [];
  return (
    <section className="panel stack" aria-labelledby="space-survey-heading">
      <h2 id="space-survey-heading">{t('spaces.survey')}</h2>
      <p>{count === 0 ? t('spaces.surveyStandard') : t('spaces.surveyCustom', { count })}</p>
      <p className="hint">{t('spaces.surveyHint')}</p>
      {space.canManage && list.length > 0 && (
        <div className="form-grid">
          <div className="field">
            <label htmlFor="space-survey-from">{t('spaces.surveyFrom')}</label>
            <select id="space-survey-from" value={from} onChange={(e) => setFrom(e.target.value)}>
              <option value="">{t('spaces.appointNone')}</option>
              {list.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
          </div>
          <button type="button" onClick={() => void copy()} disabled={!from || action.busy}>
            {t('spaces.surveyCopy')}
          </button>
        </div>
      )}
      {space.canManage && count > 0 && (
        <button type="button" className="button-quiet" onClick={() => void save(async () => [])} disabled={action.busy}>
          {t('spaces.surveyReset')}
        </button>
      )}
      <LiveMessage tone={action.message?.tone}>{action.message?.text ?? ''}</LiveMessage>
    </section>
  );
}
