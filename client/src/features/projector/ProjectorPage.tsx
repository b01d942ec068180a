import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ControlState } from '../../../../shared/protocol';
import type { AccessView } from '../../../../shared/schemas/api';
import { api } from '../../api/endpoints';
import { useLoad } from '../../app/use-load';
import { useErrorText } from '../../components/error-text';
import { usePhaseTitle } from '../../components/PhaseSummary';
import { TimerDisplay } from '../../components/TimerDisplay';
import { useControl } from '../../realtime/control';
import { type ProjectorConsensusData, ProjectorCount, ProjectorDecisions, ProjectorResults, useProjectorConsensus } from '../consensus/ProjectorConsensus';
import { JoinQr } from './JoinQr';
import { isShareOut } from '../tables/share-out';
import { ProjectorBoard, ProjectorSpotlight } from './ProjectorBoard';
import { ProjectorRollup } from './ProjectorRollup';
import { useChime } from './chime';
import { takeProjectorToken } from './projector-token';
import './projector.css';
import { useSessionOrganizationTypes } from '../../app/organization-types';

/** `/projector/:sessionId#token=…`: the big screen of the room. Read-only; the facilitator's laptop decides what it shows. */
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

type View = 'board' | 'table' | 'spotlight' | 'results' | 'decisions' | 'closing';

/** Phases in which the projector lists the decisions by itself (when there are some). */
const DECISION_PHASES = new Set(['share']);

/**
 * What `auto` shows: the closing view once the session or its closing phase is reached; a table
 * in share mode; results the phase they were revealed in; decisions in the sharing phase; else the board.
 */
function autoView(state: ControlState, data: ProjectorConsensusData, revealedIn: number | undefined): View {
  const key = state.phases[state.phaseIndex]?.key ?? '';
  if (state.status === 'closed' || key === 'closing') return 'closing';
  if (state.share.active && state.boards.some((b) => b.kind === 'table')) return 'table';
  if (data.focus?.state.status === 'revealed' && revealedIn === state.phaseIndex) return 'results';
  if (DECISION_PHASES.has(key) && (data.outcome?.decisions.length ?? 0) > 0) return 'decisions';
  return 'board';
}

/** The QR panel's rule: `auto` shows it until the first phase in which cards are written, and never at the close. */
function showsQr(state: ControlState | null, view: View): boolean {
  if (!state) return true;
  if (view === 'closing') return false;
  if (state.projector.qr !== 'auto') return state.projector.qr === 'shown';
  return state.status === 'open' && state.phases.slice(0, state.phaseIndex + 1).every((p) => p.allowedKinds.length === 0);
}

function ProjectorScreen({ token, access }: { token: string; access: AccessView }) {
  const { t } = useTranslation();
  const phaseTitle = usePhaseTitle();
  const control = useControl(token);
  useSessionOrganizationTypes(token);
  const state = control.session;
  const data = useProjectorConsensus(control.channel, control.consensus);
  const phase = state?.phases[state.phaseIndex];
  const chimes = useChime(state?.timer, state?.timerOptions.chime ?? false, control.clockOffset);

  // The phase in which this screen first saw the vote or poll in focus revealed: auto shows its results only then.
  const revealed = useRef(new Map<string, number>());
  const focusKey = data.focus ? `${data.focus.kind}:${data.focus.kind === 'vote' ? data.focus.state.voteId : data.focus.state.pollId}` : null;
  if (focusKey && data.focus?.state.status === 'revealed' && state && !revealed.current.has(focusKey)) revealed.current.set(focusKey, state.phaseIndex);
  const view: View = !state ? 'board' : state.projector.view === 'auto' ? autoView(state, data, focusKey ? revealed.current.get(focusKey) : undefined) : state.projector.view;
  const qr = showsQr(state, view);

  const boards = state?.boards ?? access.boards;
  const tables = boards.filter((b) => b.kind === 'table');
  const main = boards.find((b) => b.kind === 'main') ?? boards[0];
  const tableIndex = view === 'table' && tables.length > 0 ? Math.min(state?.share.index ?? 0, tables.length - 1) : null;
  const shown = tableIndex !== null ? tables[tableIndex] : (boards.find((b) => b.room === state?.follow?.room) ?? main);
  const label = tableIndex !== null ? t('projector.sharing', { index: tableIndex + 1, count: tables.length, name: shown?.name ?? '' }) : (shown?.name ?? '');
  // The share-out on the main board: every table at once.
  const rollup = view === 'board' && shown?.kind === 'main' && isShareOut(state);
  const title = state?.title ?? access.title;
  const theme = state?.theme ?? access.theme;

  return (
    <main className="projector" data-view={view} data-chimes={chimes} aria-labelledby="projector-title">
      <header className="projector-head">
        <div className="projector-titles">
          <h1 id="projector-title">{title}</h1>
          {theme && theme !== title && <p className="projector-theme">{theme}</p>}
        </div>
        {view !== 'results' && <ProjectorCount data={data} />}
        {state && phase && (
          <div className="projector-phase" aria-live="polite">
            <p className="projector-phase-name">{t('phase.current', { index: state.phaseIndex + 1, count: state.phases.length, title: phaseTitle(phase) })}</p>
            <TimerDisplay timer={state.timer} clockOffset={control.clockOffset} className="timer-projector" />
          </div>
        )}
      </header>
      <div className={`projector-body${qr ? ' has-qr' : ''}`}>
        {qr && (
          <aside className="projector-side">
            <JoinQr joinUrl={access.joinUrl} joinCode={access.joinCode} />
          </aside>
        )}
        <div className="projector-main">
          {rollup && <ProjectorRollup token={token} tables={tables} state={state} channel={control.channel} store={control.consensus} />}
          {(view === 'board' || view === 'table') && shown && !rollup && (
            <ProjectorBoard token={token} room={shown.room} label={label} state={state} channel={control.channel} store={control.consensus} />
          )}
          {view === 'spotlight' && <ProjectorSpotlight token={token} state={state} />}
          {view === 'results' && <ProjectorResults data={data} />}
          {view === 'decisions' && <ProjectorDecisions outcome={data.outcome} />}
          {view === 'closing' && (
            <div className="projector-closing">
              <h2>{t('projector.closingTitle')}</h2>
              <p className="projector-closing-survey">{t('projector.closingSurvey')}</p>
              <ProjectorDecisions outcome={data.outcome} />
            </div>
          )}
        </div>
      </div>
    </main>
  );
}
