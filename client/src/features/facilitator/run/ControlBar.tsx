import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlState } from '../../../../../shared/protocol';
import { PROJECTOR_QR, PROJECTOR_VIEWS } from '../../../../../shared/schemas/control';
import { LiveMessage } from '../../../components/LiveMessage';
import { LockIcon } from '../../../components/LockIcon';
import type { ControlChannel } from '../../../realtime/control';
import { PhaseControl } from '../PhaseControl';
import { TimerControls, TimerOptions } from './TimerControls';
import { useRequest } from './use-request';
import './run.css';

interface ControlBarProps {
  session: ControlState;
  channel: ControlChannel | null;
  clockOffset: number;
  /** The board and stage the facilitator is looking at, which "follow me" brings everyone to. */
  viewRoom: string;
  focusStageId: string | null;
}

/**
 * Always in view while running, in one compact bar: phase (step or jump), timer, lock, follow
 * me, share mode, what the projector shows; the timer's options under "more".
 */
export function ControlBar({ session, channel, clockOffset, viewRoom, focusStageId }: ControlBarProps) {
  const { t } = useTranslation();
  const request = useRequest(channel);
  const tables = session.boards.filter((b) => b.kind === 'table');
  const shareIndex = Math.min(session.share.index, Math.max(0, tables.length - 1));
  const following = session.follow !== null;

  return (
    <section className="control-bar" aria-label={t('run.controls')}>
      <PhaseControl session={session} channel={channel} />
      <TimerControls session={session} channel={channel} clockOffset={clockOffset} />
      <div className="control-toggles button-row">
        <button type="button" className="toggle" aria-pressed={session.locked} disabled={request.busy} onClick={() => void request.send('board:lock', { locked: !session.locked })}>
          <LockIcon open={!session.locked} /> {t('run.lock')}
        </button>
        <button
          type="button"
          className="toggle"
          aria-pressed={following}
          disabled={request.busy}
          onClick={() => void request.send('follow:set', following ? { room: null } : { room: viewRoom, stageId: focusStageId })}
        >
          {t('run.follow')}
        </button>
      </div>
      {tables.length > 0 && (
        <div className="share-controls button-row" role="group" aria-label={t('run.share')}>
          <button type="button" className="toggle" aria-pressed={session.share.active} onClick={() => void request.send('share:set', { active: !session.share.active, index: shareIndex })}>
            {t('run.share')}
          </button>
          <button type="button" className="button-quiet" disabled={!session.share.active || shareIndex <= 0} onClick={() => void request.send('share:set', { active: true, index: shareIndex - 1 })}>
            {t('run.sharePrev')}
          </button>
          <button type="button" className="button-quiet" disabled={!session.share.active || shareIndex >= tables.length - 1} onClick={() => void request.send('share:set', { active: true, index: shareIndex + 1 })}>
            {t('run.shareNext')}
          </button>
          {session.share.active && <p className="share-now">{t('run.shareShowing', { index: shareIndex + 1, count: tables.length, name: tables[shareIndex]?.name ?? '' })}</p>}
        </div>
      )}
      <ProjectorControls session={session} channel={channel} />
      <details className="control-more">
        <summary>{t('run.more')}</summary>
        <div className="control-more-panel">
          <TimerOptions session={session} channel={channel} />
        </div>
      </details>
      <LiveMessage tone="error">{request.error}</LiveMessage>
    </section>
  );
}

/** What the projector shows and whether it shows the join QR; the projector follows at once. */
function ProjectorControls({ session, channel }: { session: ControlState; channel: ControlChannel | null }) {
  const { t } = useTranslation();
  const request = useRequest(channel);
  const id = useId();
  const tables = session.boards.filter((b) => b.kind === 'table');
  const picksTable = tables.length > 0 && (session.projector.view === 'table' || session.share.active);
  const tableIndex = Math.min(session.share.index, Math.max(0, tables.length - 1));
  return (
    <div className="projector-controls">
      <label htmlFor={`${id}-view`}>{t('projector.view')}</label>
      <select id={`${id}-view`} value={session.projector.view} disabled={request.busy} onChange={(e) => void request.send('projector:set', { view: e.target.value as (typeof PROJECTOR_VIEWS)[number] })}>
        {PROJECTOR_VIEWS.map((view) => (
          <option key={view} value={view}>
            {t(`projector.view.${view}`)}
          </option>
        ))}
      </select>
      {picksTable && (
        <>
          <label htmlFor={`${id}-table`}>{t('projector.tablePick')}</label>
          <select
            id={`${id}-table`}
            value={tableIndex}
            disabled={request.busy}
            onChange={(e) => void request.send('share:set', { active: session.share.active, index: Number(e.target.value) })}
          >
            {tables.map((table, index) => (
              <option key={table.room} value={index}>
                {table.name}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor={`${id}-qr`}>{t('projector.qr')}</label>
      <select id={`${id}-qr`} value={session.projector.qr} disabled={request.busy} onChange={(e) => void request.send('projector:set', { qr: e.target.value as (typeof PROJECTOR_QR)[number] })}>
        {PROJECTOR_QR.map((qr) => (
          <option key={qr} value={qr}>
            {t(`projector.qr.${qr}`)}
          </option>
        ))}
      </select>
      <LiveMessage tone="error">{request.error}</LiveMessage>
    </div>
  );
}
