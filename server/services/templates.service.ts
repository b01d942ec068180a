import { randomUUID } from 'node:crypto';
import { BUILT_IN_TEMPLATES, findBuiltInTemplate, type SessionTemplate } from '../../shared/board/templates';
import { readPersona, readStages } from '../../shared/board/model';
import { type Language, translate, type TextKey } from '../../shared/i18n';
import { findTemplateById, insertTemplate, listTemplates } from '../../db/repositories/templates.repository';
import { maySeeTemplate } from './template-access';
import { listBoards } from '../../db/repositories/sessions.repository';
import type { UserActor } from '../auth/policy';
import { AppError } from '../errors';
import type { ServiceContext } from './context';
import { getManagedSession, parsePhases } from './sessions.service';
import { parseSurvey } from './survey.service';
import { logSkipped } from '../rooms/skipped';
import { templateDefinition, type TemplateDefinition, templateDefinitionSchema } from './stored-json';

/** A template as the facilitator's list shows it. */
export interface TemplateView {
  id: string;
  name: string;
  builtIn: boolean;
  /** Every facilitator may use it (built-ins always); else only its owner, admins and the secretariat. */
  shared: boolean;
  /** The account that keeps it (null: a built-in, or nobody). */
  ownerId: string | null;
  /** The space it belongs to (null: a built-in, or installation-wide). */
  spaceId: string | null;
  phases: SessionTemplate['phases'];
  tableMode: SessionTemplate['tableMode'];
  tables: SessionTemplate['tables'];
}

const storedDefinition = templateDefinitionSchema;

/** A stored template's definition, or null (logged) when it does not parse or fit. */
function decodeDefinition(ctx: ServiceContext, row: { id: string; definition: string }): TemplateDefinition | null {
  return templateDefinition.decode(ctx.log, row.id, row.definition);
}

/**
 * A built-in or saved template by id: `bad_request` when unknown, `not_found` when another's and
 * private, or kept in another space than `spaceId` (the space the session is made in).
 */
export async function resolveTemplate(ctx: ServiceContext, id: string, actor: UserActor, spaceId?: string): Promise<SessionTemplate> {
  const builtIn = findBuiltInTemplate(id);
  if (builtIn) return builtIn;
  const row = await findTemplateById(ctx.db, id);
  if (!row) throw new AppError('bad_request', `unknown template ${id}`);
  const elsewhere = spaceId !== undefined && row.space_id !== null && row.space_id !== spaceId;
  if (elsewhere || !maySeeTemplate(actor, row)) throw new AppError('not_found', `no template ${id}`);
  const definition = decodeDefinition(ctx, row);
  if (!definition) throw new AppError('bad_request', `template ${id} is damaged and cannot be used`);
  return { id: row.id, name: row.name, ...definition };
}

/**
 * The templates an account may use: the built-ins first, then saved ones of its spaces — a
 * facilitator's own and the shared; the space's secretariat and admins see all.
 */
export async function listTemplateViews(ctx: ServiceContext, actor: UserActor, lang: Language): Promise<TemplateView[]> {
  // Few rows: filtered here by the one rule (template-access) rather than in SQL.
  const saved = (await listTemplates(ctx.db)).filter((row) => maySeeTemplate(actor, row));
  const all: Array<SessionTemplate & { shared: boolean; ownerId: string | null; spaceId: string | null }> = [
    ...BUILT_IN_TEMPLATES.map((t) => ({ ...t, shared: true, ownerId: null, spaceId: null })),
    // A stored template that no longer fits (written by a bug or an older version) is left out and logged.
    ...saved.flatMap((row) => {
      const definition = decodeDefinition(ctx, row);
      return definition ? [{ id: row.id, name: row.name, ...definition, shared: row.shared === 1, ownerId: row.owner_id, spaceId: row.space_id }] : [];
    }),
  ];
  return all.map((t) => ({
    id: t.id,
    name: t.name ?? translate(lang, t.nameKey as TextKey),
    builtIn: Boolean(t.nameKey),
    shared: t.shared,
    ownerId: t.ownerId,
    spaceId: t.spaceId,
    phases: t.phases,
    tableMode: t.tableMode,
    tables: t.tables,
  }));
}

/** Save a session's programme, journey, persona and tables as a new template. */
export async function saveSessionAsTemplate(ctx: ServiceContext, actor: UserActor, name: string, sessionId: string): Promise<TemplateView> {
  const session = await getManagedSession(ctx, actor, sessionId);
  const boards = await listBoards(ctx.db, session.id);
  const main = boards.find((b) => b.kind === 'main');
  const prep = main
    ? await ctx.rooms.withRoom(main.room, (room) => ({ stages: readStages(room.doc, logSkipped(ctx.log, room.name)), persona: readPersona(room.doc) }))
    : { stages: [], persona: undefined };
  const definition = {
    phases: parsePhases(ctx, session),
    stages: prep.stages,
    tableMode: session.table_mode,
    tables: boards.filter((b) => b.kind === 'table').map((b) => ({ name: b.name ?? '', theme: b.theme })),
    persona: prep.persona ? { ...prep.persona } : undefined,
    survey: parseSurvey(ctx, session),
  };
  const checked = storedDefinition.safeParse(definition);
  if (!checked.success) throw new AppError('bad_request', `this session cannot be saved as a template: ${checked.error.issues[0]?.message ?? 'invalid'}`);
  const id = `custom-${randomUUID()}`;
  // Private to its creator until they share it.
  await insertTemplate(ctx.db, { id, space_id: session.space_id, name, created_by: actor.userId, owner_id: actor.userId, shared: 0, created_at: ctx.now().toISOString(), definition: templateDefinition.encode(checked.data) });
  return { id, name, builtIn: false, shared: false, ownerId: actor.userId, spaceId: session.space_id, phases: definition.phases, tableMode: definition.tableMode, tables: definition.tables };
}
