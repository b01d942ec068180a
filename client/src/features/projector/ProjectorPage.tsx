import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { AccessView } from '../../../../shared/schemas/api';
import { api } from '../../api/endpoints';
import { useLoad } from '../../app/use-load';
import { useErrorText } from '../../components/error-text';
import { usePhaseTitle } from '../../components/PhaseSummary';
import { TimerDisplay } from '../../components/TimerDisplay';
import { useControl } from '../../realtime/control';
import { ProjectorConsensus } from '../consensus/ProjectorConsensus';
import { JoinQr } from './JoinQr';
import { ProjectorBoard } from './ProjectorBoard';
import { takeProjectorToken } from './projector-token';

/** `/projector/:sessionId#token=…`: the big screen of the room. Read-only. */
export function ProjectorPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { sessionId = '' } = useParams();
  const token = useMemo(() => takeProjectorToken(sessionId), [sessionId]);
  const [access] = useLoad(() => (token ? api.access(token) : Promise.reject(new Error('no token'))), [token]);

  if (!token) return <ProjectorMessage text={t('projector.noToken')} />;
  if (access.state === 'loading') return <ProjectorMessage text={t('common.loading')} />;
  if (access.state === 'failed') return <ProjectorMessage text={`${t('projector.noToken')} ${errorText(access.error)}`} />;
  return <ProjectorScreen token={token} access={access.value} />;
}

function ProjectorMessage({ text }: { text: string }) {
  return (
    <main className="projector projector-message">
      <p role="status">{text}</p>
    </main>
  );
}

function ProjectorScreen({ token, access }: { token: string; access: AccessView }) {
  const { t } = useTranslation();
  const phaseTitle = usePhaseTitle();
  const control = useControl(token);
  const state = control.session;
  const phase = state?.phases[state.phaseIndex];
  const boards = state?.boards ?? access.boards;
  const tables = boards.filter((b) => b.kind === 'table');
  const main = boards.find((b) => b.kind === 'main') ?? boards[0];
  const sharing = state?.share.active && tables.length > 0 ? Math.min(state.share.index, tables.length - 1) : null;
  const shown = sharing !== null ? tables[sharing] : (boards.find((b) => b.room === state?.follow?.room) ?? main);
  const label = sharing !== null ? t('projector.sharing', { index: sharing + 1, count: tables.length, name: shown?.name ?? '' }) : (shown?.name ?? '');

  return (
    <main className="projector" aria-labelledby="projector-title">
      <header className="projector-head">
        <div>
          <h1 id="projector-title">{state?.title ?? access.title}</h1>
          {(state?.theme ?? access.theme) && <p className="projector-theme">{state?.theme ?? access.theme}</p>}
        </div>
        {state && phase && (
          <div className="projector-phase" aria-live="polite">
            <p className="projector-phase-name">{t('phase.current', { index: state.phaseIndex + 1, count: state.phases.length, title: phaseTitle(phase) })}</p>
            <TimerDisplay timer={state.timer} clockOffset={control.clockOffset} className="timer-projector" />
          </div>
        )}
      </header>
      <div className="projector-body">
        <aside className="projector-side">
          <JoinQr joinUrl={access.joinUrl} joinCode={access.joinCode} />
        </aside>
        <div className="projector-main">
          <ProjectorConsensus channel={control.channel} store={control.consensus} state={state} />
          {shown && <ProjectorBoard token={token} room={shown.room} label={label} state={state} />}
        </div>
      </div>
    </main>
  );
}
