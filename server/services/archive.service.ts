import { listSessions, listParticipants } from '../../db/repositories/sessions.repository';
import { listSurveyResponses, searchArchive } from '../../db/repositories/archive.repository';
import { listActions } from '../../db/repositories/outcomes.repository';
import { listUsers } from '../../db/repositories/users.repository';
import { can, type UserActor } from '../auth/policy';
import type { ArchiveEntry, StatsView } from '../../shared/schemas/reports';
import type { ServiceContext } from './context';
import { percent } from './poll-results';
import { parseSurvey } from './survey.service';
import { surveyAnswers } from './stored-json';

/** Filters of the archive list. */
export interface ArchiveQuery {
  q?: string;
  from?: string;
  to?: string;
  theme?: string;
  facilitator?: string;
  status?: 'open' | 'closed';
  series?: string;
}

/** The sessions an account may see (all for admin and secretariat, own for a facilitator). */
export async function visibleSessions(ctx: ServiceContext, actor: UserActor) {
  return listSessions(ctx.db, can(actor, 'sessions:read-all') ? undefined : actor.userId);
}

/**
 * The archive: sessions newest first, filtered by date (held on), theme, facilitator, status
 * and working group, and searched in their titles and archived text. Japanese works at any
 * length: 食堂 finds こども食堂 (see searchArchive).
 */
export async function listArchive(ctx: ServiceContext, actor: UserActor, query: ArchiveQuery): Promise<ArchiveEntry[]> {
  const [sessions, users] = await Promise.all([visibleSessions(ctx, actor), listUsers(ctx.db)]);
  const names = new Map(users.map((u) => [u.id, u.display_name]));
  const q = query.q?.trim() ?? '';
  const matches = q ? new Map((await searchArchive(ctx.db, q)).map((m) => [m.session_id, m.text])) : null;
  const lower = q.toLowerCase();
  return sessions
    .map((s) => ({ s, heldOn: s.held_on ?? s.created_at.slice(0, 10) }))
    .filter(({ s, heldOn }) => {
      if (query.from && heldOn < query.from) return false;
      if (query.to && heldOn > query.to) return false;
      if (query.theme && !s.theme.includes(query.theme)) return false;
      if (query.facilitator && s.created_by !== query.facilitator) return false;
      if (query.status && s.status !== query.status) return false;
      if (query.series && s.series !== query.series) return false;
      if (matches && !matches.has(s.id) && !`${s.title} ${s.theme} ${s.series}`.toLowerCase().includes(lower)) return false;
      return true;
    })
    .map(({ s, heldOn }) => ({
      id: s.id,
      title: s.title,
      theme: s.theme,
      series: s.series,
      venue: s.venue,
      heldOn,
      status: s.status,
      facilitator: names.get(s.created_by) ?? '',
      facilitatorId: s.created_by,
      match: matches?.get(s.id) ?? null,
    }))
    .sort((a, b) => b.heldOn.localeCompare(a.heldOn) || a.title.localeCompare(b.title));
}

/** Figures across sessions: sessions held, participants by type, satisfaction, actions done or open. */
export async function crossSessionStats(ctx: ServiceContext, actor: UserActor): Promise<StatsView> {
  const sessions = (await visibleSessions(ctx, actor)).sort((a, b) => (a.held_on ?? a.created_at).localeCompare(b.held_on ?? b.created_at));
  const rows = [];
  let done = 0;
  let open = 0;
  for (const s of sessions) {
    const [participants, responses, actions] = await Promise.all([listParticipants(ctx.db, s.id), listSurveyResponses(ctx.db, s.id), listActions(ctx.db, s.id)]);
    // A Map: an imported organisation type like `__proto__` is only a key.
    const sectors = new Map<string, number>();
    for (const p of participants) sectors.set(p.organization_type, (sectors.get(p.organization_type) ?? 0) + 1);
    const byOrganizationType: Record<string, number> = Object.fromEntries(sectors);
    const satisfaction = parseSurvey(ctx, s).find((q) => q.id === 'satisfaction');
    const answered = responses.map((r) => surveyAnswers.decode(ctx.log, `${r.session_id}/${r.participant_id}`, r.answers).satisfaction).filter(Boolean);
    const satisfied = satisfaction?.positive ? answered.filter((a) => satisfaction.positive!.includes(a)).length : 0;
    done += actions.filter((a) => a.status === 'done').length;
    open += actions.filter((a) => a.status !== 'done').length;
    rows.push({
      sessionId: s.id,
      title: s.title,
      heldOn: s.held_on ?? s.created_at.slice(0, 10),
      participants: participants.length,
      byOrganizationType,
      responses: responses.length,
      satisfactionPercent: answered.length ? percent(satisfied, answered.length) : null,
      actions: { total: actions.length, done: actions.filter((a) => a.status === 'done').length },
    });
  }
  return { sessions: rows, totals: { sessions: rows.length, participants: rows.reduce((n, r) => n + r.participants, 0), actionsDone: done, actionsOpen: open } };
}
