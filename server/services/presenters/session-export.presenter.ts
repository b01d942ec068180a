import { z } from 'zod';
import type { UserActor } from '../../auth/policy';
import type { ServiceContext } from '../context';
import { exportSession, type SessionExport, sessionExportSchema } from '../session-transfer.service';

/**
 * What `GET /api/sessions/:id/export.json` may show, as a schema: it is the whitelist the stored
 * export goes through, so a field added to the stored side leaves the server only once it is here.
 * - Dots of a vote not yet revealed: none (only the public vote state, which counts voters).
 * - Dots of a revealed anonymous vote: under a pseudonym (`v1`, `v2`, … within that vote), so the
 *   per-item totals and voter counts survive an import and no dot joins to a participant.
 * - Dots of a revealed named vote: with the participant id (its public state names each voter).
 * - Poll answers: none before reveal; after, under a pseudonym per poll with the organisation type
 *   (what the revealed sector view shows), never a participant id.
 * - Survey responses: under a pseudonym, never a participant id.
 */
export const presentedSessionExportSchema = sessionExportSchema.extend({
  votes: z.array(
    sessionExportSchema.shape.votes.element.extend({
      dots: z.array(z.union([
        z.object({ voter: z.string(), itemId: z.string(), dots: z.number().int() }),
        z.object({ participantId: z.string(), itemId: z.string(), dots: z.number().int() }),
      ])),
    }),
  ),
  polls: z.array(
    sessionExportSchema.shape.polls.element.extend({
      answers: z.array(z.object({ respondent: z.string(), organizationType: z.string(), itemId: z.string(), choice: z.string(), reason: z.string() })),
    }),
  ),
  surveyResponses: z.array(z.object({ respondent: z.string(), answers: z.string(), submittedAt: z.string() })),
});
export type PresentedSessionExport = z.infer<typeof presentedSessionExportSchema>;

/** Pseudonyms `prefix1`, `prefix2`, … for ids, numbered in an order that says nothing about who joined when. */
function pseudonyms<T>(rows: T[], idOf: (row: T) => string, order: (a: T, b: T) => number, prefix: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const row of [...rows].sort(order)) if (!names.has(idOf(row))) names.set(idOf(row), `${prefix}${names.size + 1}`);
  return names;
}

/** The stored export as its reader may see it (see `presentedSessionExportSchema`). */
export function presentExport(raw: SessionExport, sectorOf: (participantId: string) => string): PresentedSessionExport {
  const votes = raw.votes.map((v) => {
    if (v.status !== 'revealed') return { ...v, dots: [] };
    if (!v.anonymous) return v;
    const voter = pseudonyms(v.dots, (d) => d.participantId ?? '', (a, b) => a.itemId.localeCompare(b.itemId) || a.dots - b.dots, 'v');
    return { ...v, dots: v.dots.map((d) => ({ voter: voter.get(d.participantId ?? '')!, itemId: d.itemId, dots: d.dots })) };
  });
  const polls = raw.polls.map((p) => {
    if (p.status !== 'revealed') return { ...p, answers: [] };
    const respondent = pseudonyms(p.answers, (a) => a.participantId ?? '', (a, b) => a.itemId.localeCompare(b.itemId) || a.choice.localeCompare(b.choice), 'r');
    return {
      ...p,
      answers: p.answers.map((a) => ({ respondent: respondent.get(a.participantId ?? '')!, organizationType: sectorOf(a.participantId ?? ''), itemId: a.itemId, choice: a.choice, reason: a.reason })),
    };
  });
  const responder = pseudonyms(raw.surveyResponses, (r) => r.participantId ?? '', (a, b) => a.submittedAt.localeCompare(b.submittedAt), 's');
  const surveyResponses = raw.surveyResponses.map((r) => ({ respondent: responder.get(r.participantId ?? '')!, answers: r.answers, submittedAt: r.submittedAt }));
  // Only the parts that carry ballots and answers go through the schema: the rest is rows as
  // stored, and a stored row an older version wrote must not turn the export into a 500.
  const shape = presentedSessionExportSchema.shape;
  return { ...raw, votes: shape.votes.parse(votes), polls: shape.polls.parse(polls), surveyResponses: shape.surveyResponses.parse(surveyResponses) };
}

/** `GET /api/sessions/:id/export.json`: the whole session, importable, without what its reader may not see. */
export async function presentSessionExport(ctx: ServiceContext, actor: UserActor, sessionId: string): Promise<PresentedSessionExport> {
  const raw = await exportSession(ctx, actor, sessionId);
  const sectors = new Map(raw.participants.map((p) => [p.id, p.organizationType]));
  return presentExport(raw, (id) => sectors.get(id) ?? '');
}
