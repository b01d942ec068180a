import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { BUILT_IN_TEMPLATES, findBuiltInTemplate, type SessionTemplate } from '../../shared/board/templates';
import { readPersona, readStages } from '../../shared/board/model';
import { type Language, translate, type TextKey } from '../../shared/i18n';
import { phasesSchema } from '../../shared/schemas/control';
import { surveySchema } from '../../shared/survey';
import { findTemplateById, insertTemplate, listTemplates } from '../../db/repositories/templates.repository';
import { listBoards } from '../../db/repositories/sessions.repository';
import type { UserActor } from '../auth/policy';
import { AppError } from '../errors';
import type { ServiceContext } from './context';
import { getManagedSession, parsePhases } from './sessions.service';
import { parseSurvey } from './survey.service';

/** A template as the facilitator's list shows it. */
export interface TemplateView {
  id: string;
  name: string;
  builtIn: boolean;
  phases: SessionTemplate['phases'];
  tableMode: SessionTemplate['tableMode'];
  tables: SessionTemplate['tables'];
}

const storedDefinition = z.object({
  phases: phasesSchema,
  stages: z.array(z.object({ id: z.string(), title: z.string(), description: z.string() })),
  tableMode: z.enum(['none', 'choose', 'assign']),
  tables: z.array(z.object({ name: z.string(), theme: z.string().optional() })),
  persona: z.record(z.string(), z.string()).optional(),
  survey: surveySchema.optional(),
});

/** A built-in or saved template by id, or `bad_request`. */
export async function resolveTemplate(ctx: ServiceContext, id: string): Promise<SessionTemplate> {
  const builtIn = findBuiltInTemplate(id);
  if (builtIn) return builtIn;
  const row = await findTemplateById(ctx.db, id);
  if (!row) throw new AppError('bad_request', `unknown template ${id}`);
  return { id: row.id, name: row.name, ...storedDefinition.parse(JSON.parse(row.definition)) };
}

/** Every template: the built-ins first, then those saved from sessions. */
export async function listTemplateViews(ctx: ServiceContext, lang: Language): Promise<TemplateView[]> {
  const saved = await listTemplates(ctx.db);
  const all: SessionTemplate[] = [
    ...BUILT_IN_TEMPLATES,
    ...saved.map((row) => ({ id: row.id, name: row.name, ...storedDefinition.parse(JSON.parse(row.definition)) })),
  ];
  return all.map((t) => ({
    id: t.id,
    name: t.name ?? translate(lang, t.nameKey as TextKey),
    builtIn: Boolean(t.nameKey),
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
    ? await ctx.rooms.withRoom(main.room, (room) => ({ stages: readStages(room.doc), persona: readPersona(room.doc) }))
    : { stages: [], persona: undefined };
  const definition = {
    phases: parsePhases(session.phases),
    stages: prep.stages,
    tableMode: session.table_mode,
    tables: boards.filter((b) => b.kind === 'table').map((b) => ({ name: b.name ?? '', theme: b.theme })),
    persona: prep.persona ? { ...prep.persona } : undefined,
    survey: parseSurvey(session.survey),
  };
  const id = `custom-${randomUUID()}`;
  await insertTemplate(ctx.db, { id, name, created_by: actor.userId, created_at: ctx.now().toISOString(), definition: JSON.stringify(definition) });
  return { id, name, builtIn: false, phases: definition.phases, tableMode: definition.tableMode, tables: definition.tables };
}
