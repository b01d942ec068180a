import { listParticipants } from '../../db/repositories/sessions.repository';
import { listScope, scopedSessions } from './spaces.service';
import { spacesTypeLabels } from './space-organization-types.service';
import { listSurveyResponses, searchArchive } from '../../db/repositories/archive.repository';
import { listVariantGroups, searchEntries } from '../../db/repositories/search.repository';
import { expandQuery } from '../../shared/search/fold';
import { listActions } from '../../db/repositories/outcomes.repository';
import { listUsers } from '../../db/repositories/users.repository';
import type { UserActor } from '../auth/policy';
import { AppError } from '../errors';
import type { ArchiveEntry } from '../../shared/schemas/reports';
import type { FiguresView, StatsTable } from '../../shared/schemas/clerk';
import { translate, type Language, type TextKey } from '../../shared/i18n';
import { toCsv } from './presenters/csv.presenter';
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
  /** Only this space (default: every space the account works in). */
  spaceId?: string;
}

/**
 * The sessions an account may see, in its spaces or only `spaceId` (all of a space for admin
 * and its secretariat, own for a facilitator).
 */
export async function visibleSessions(ctx: ServiceContext, actor: UserActor, spaceId?: string) {
  return scopedSessions(ctx, actor, spaceId);
}

/**
 * The archive: sessions newest first, filtered by date (held on), theme, facilitator, status
 * and working group, and searched in their titles and archived text. Japanese works at any
 * length: 食堂 finds こども食堂 (see searchArchive).
 */
export async function listArchive(ctx: ServiceContext, actor: UserActor, query: ArchiveQuery): Promise<ArchiveEntry[]> {
  const [sessions, users] = await Promise.all([visibleSessions(ctx, actor, query.spaceId), listUsers(ctx.db)]);
  const names = new Map(users.map((u) => [u.id, u.display_name]));
  const q = query.q?.trim() ?? '';
  const matches = q ? await archiveMatches(ctx, q) : null;
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

/**
 * The sessions whose archive matches `q`, with the first matching text: the folded card-level
 * index (ｌｉｎｅ, コドモ and spelling variants find what was written), then the raw archived text
 * (which also holds decisions and actions as they were at the close).
 */
async function archiveMatches(ctx: ServiceContext, q: string): Promise<Map<string, string>> {
  const spellings = expandQuery(q, await listVariantGroups(ctx.db));
  const matches = new Map<string, string>();
  for (const row of await searchEntries(ctx.db, spellings, { limit: 2000 })) if (!matches.has(row.session_id)) matches.set(row.session_id, row.text);
  for (const m of await searchArchive(ctx.db, q)) if (!matches.has(m.session_id)) matches.set(m.session_id, m.text);
  return matches;
}

/** The fiscal year (年度, April–March) a date falls in: 2027-03-31 is 2026, 2027-04-01 is 2027. */
export function fiscalYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 4 ? year : year - 1;
}

/**
 * Figures across sessions: sessions held, participants by type, satisfaction, actions done or
 * open; optionally of one fiscal year (by the day each session was held). 実人数 (distinct
 * people): identity is per session, so a person is recognised across sessions only by display
 * name and organisation type, and only while the name is kept (not anonymous, not erased);
 * the others are counted once per session as `unidentified`.
 */
export async function crossSessionStats(ctx: ServiceContext, actor: UserActor, fiscalYear?: number, spaceId?: string): Promise<FiguresView> {
  const heldOnOf = (s: { held_on: string | null; created_at: string }) => s.held_on ?? s.created_at.slice(0, 10);
  const all = (await visibleSessions(ctx, actor, spaceId)).sort((a, b) => heldOnOf(a).localeCompare(heldOnOf(b)));
  const fiscalYears = [...new Set(all.map((s) => fiscalYearOf(heldOnOf(s))))].sort((a, b) => b - a);
  const sessions = fiscalYear === undefined ? all : all.filter((s) => fiscalYearOf(heldOnOf(s)) === fiscalYear);
  const rows = [];
  let done = 0;
  let open = 0;
  const totalsByType = new Map<string, number>();
  const identified = new Set<string>();
  let unidentified = 0;
  for (const s of sessions) {
    const [participants, responses, actions] = await Promise.all([listParticipants(ctx.db, s.id), listSurveyResponses(ctx.db, s.id), listActions(ctx.db, s.id)]);
    // A Map: an imported organisation type like `__proto__` is only a key.
    const sectors = new Map<string, number>();
    for (const p of participants) {
      sectors.set(p.organization_type, (sectors.get(p.organization_type) ?? 0) + 1);
      totalsByType.set(p.organization_type, (totalsByType.get(p.organization_type) ?? 0) + 1);
      const name = p.anonymous ? '' : p.display_name.normalize('NFKC').trim();
      if (name) identified.add(`${name}\u0000${p.organization_type}`);
      else unidentified += 1;
    }
    const byOrganizationType: Record<string, number> = Object.fromEntries(sectors);
    const satisfaction = parseSurvey(ctx, s).find((q) => q.id === 'satisfaction');
    const answered = responses.map((r) => surveyAnswers.decode(ctx.log, `${r.session_id}/${r.participant_id}`, r.answers).satisfaction).filter(Boolean);
    const satisfied = satisfaction?.positive ? answered.filter((a) => satisfaction.positive!.includes(a)).length : 0;
    done += actions.filter((a) => a.status === 'done').length;
    open += actions.filter((a) => a.status !== 'done').length;
    rows.push({
      sessionId: s.id,
      title: s.title,
      heldOn: heldOnOf(s),
      participants: participants.length,
      byOrganizationType,
      responses: responses.length,
      satisfactionPercent: answered.length ? percent(satisfied, answered.length) : null,
      actions: { total: actions.length, done: actions.filter((a) => a.status === 'done').length },
    });
  }
  return {
    fiscalYear: fiscalYear ?? null,
    fiscalYears,
    sessions: rows,
    totals: { sessions: rows.length, participants: rows.reduce((n, r) => n + r.participants, 0), actionsDone: done, actionsOpen: open },
    byOrganizationType: Object.fromEntries(totalsByType),
    distinct: { people: identified.size + unidentified, identified: identified.size, unidentified },
  };
}

/** 令和 year of a fiscal year (令和元年 = 2019). */
function reiwa(fiscalYear: number): string {
  const n = fiscalYear - 2018;
  return n >= 1 ? `令和${n === 1 ? '元' : n}年度` : `${fiscalYear}年度`;
}

/** One figures table as CSV: the sessions, or participants by organisation type (with 実人数). */
export async function statsCsv(ctx: ServiceContext, actor: UserActor, table: StatsTable, lang: Language, fiscalYear?: number, spaceId?: string): Promise<string> {
  const t = (key: string, values?: Record<string, string | number>) => translate(lang, key as TextKey, values);
  const figures = await crossSessionStats(ctx, actor, fiscalYear, spaceId);
  const typeLabel = await spacesTypeLabels(ctx, (await listScope(ctx, actor, spaceId)).map((s) => s.spaceId), lang);
  const scope = fiscalYear === undefined ? t('stats.allYears') : lang === 'ja' ? reiwa(fiscalYear) : `FY${fiscalYear}`;
  switch (table) {
    case 'sessions':
      return toCsv(
        ['fiscal_year', 'held_on', 'session', 'participants', 'responses', 'satisfaction', 'actions', 'actions_done'].map((c) => t(`stats.column.${c}`)),
        figures.sessions.map((r) => [lang === 'ja' ? reiwa(fiscalYearOf(r.heldOn)) : `FY${fiscalYearOf(r.heldOn)}`, r.heldOn, r.title, r.participants, r.responses, r.satisfactionPercent ?? '', r.actions.total, r.actions.done]),
      );
    case 'organization-types':
      return toCsv(
        ['scope', 'organization_type', 'participants'].map((c) => t(`stats.column.${c}`)),
        [
          ...Object.entries(figures.byOrganizationType).map(([id, n]) => [scope, typeLabel(id), n]),
          [scope, t('stats.totalVisits'), figures.totals.participants],
          [scope, t('stats.distinctPeople'), figures.distinct.people],
        ],
      );
    default: {
      const never: never = table;
      throw new AppError('not_found', `no figures table ${String(never)}`);
    }
  }
}
