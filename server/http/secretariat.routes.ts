import express, { Router } from 'express';
import { z } from 'zod';
import { ACTION_STATUSES, actionPatchSchema } from '../../shared/schemas/consensus';
import { surveySchema } from '../../shared/survey';
import { crossSessionStats, listArchive } from '../services/archive.service';
import type { ServiceContext } from '../services/context';
import { actionsCsv, cardsCsv, reportMarkdown, surveyCsv } from '../services/exports.service';
import { addProgressNote, listRegister, sinceLastTime, updateRegisterEntry } from '../services/followup.service';
import { closeSession, reopenSession } from '../services/projection.service';
import { buildReport } from '../services/report.service';
import { exportSession, importSession, sessionExportSchema } from '../services/session-transfer.service';
import { setSurvey } from '../services/survey.service';
import { parseBody, requireUser, route } from './middleware';

/** Largest session export accepted for import (board documents travel inside it). */
export const IMPORT_BODY_LIMIT = '50mb';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const archiveQuerySchema = z.object({
  q: z.string().max(200).optional(),
  from: date.optional(),
  to: date.optional(),
  theme: z.string().max(200).optional(),
  facilitator: z.string().max(100).optional(),
  status: z.enum(['open', 'closed']).optional(),
  series: z.string().max(120).optional(),
});
const registerQuerySchema = z.object({
  status: z.enum(ACTION_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  organization: z.string().max(120).optional(),
});
const noteSchema = z.object({ note: z.string().trim().min(1).max(2000) });

/** After the session: close, report, exports, archive, follow-up register, figures across sessions. */
export function secretariatRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.use(['/sessions', '/archive', '/stats', '/actions'], requireUser);
  const id = (p: Record<string, unknown>) => String(p.id);
  const download = (res: express.Response, type: string, name: string, body: string) => {
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.type(type).send(body);
  };

  router.post('/sessions/import', express.json({ limit: IMPORT_BODY_LIMIT }), route(async (req, res) => {
    res.status(201).json(await importSession(ctx, req.user!, parseBody(sessionExportSchema, req.body)));
  }));
  router.post('/sessions/:id/close', route(async (req, res) => {
    await closeSession(ctx, req.user!, id(req.params));
    res.status(204).end();
  }));
  router.post('/sessions/:id/reopen', route(async (req, res) => {
    await reopenSession(ctx, req.user!, id(req.params));
    res.status(204).end();
  }));
  router.put('/sessions/:id/survey', route(async (req, res) => {
    res.json(await setSurvey(ctx, req.user!, id(req.params), parseBody(surveySchema, req.body)));
  }));
  router.get('/sessions/:id/report', route(async (req, res) => {
    res.json(await buildReport(ctx, req.user!, id(req.params)));
  }));
  router.get('/sessions/:id/export.md', route(async (req, res) => {
    download(res, 'text/markdown; charset=utf-8', `report-${id(req.params)}.md`, await reportMarkdown(ctx, req.user!, id(req.params), req.lang));
  }));
  router.get('/sessions/:id/export/:what.csv', route(async (req, res) => {
    const make = { cards: cardsCsv, actions: actionsCsv, survey: surveyCsv }[String(req.params.what)];
    if (!make) return void res.status(404).json({ error: { code: 'not_found', message: 'exports are cards, actions and survey' } });
    download(res, 'text/csv; charset=utf-8', `${String(req.params.what)}-${id(req.params)}.csv`, await make(ctx, req.user!, id(req.params), req.lang));
  }));
  router.get('/sessions/:id/export.json', route(async (req, res) => {
    download(res, 'application/json; charset=utf-8', `session-${id(req.params)}.json`, JSON.stringify(await exportSession(ctx, req.user!, id(req.params))));
  }));
  router.get('/sessions/:id/since-last', route(async (req, res) => {
    res.json(await sinceLastTime(ctx, req.user!, id(req.params)));
  }));

  router.get('/archive', route(async (req, res) => {
    res.json(await listArchive(ctx, req.user!, parseBody(archiveQuerySchema, req.query)));
  }));
  router.get('/stats', route(async (req, res) => {
    res.json(await crossSessionStats(ctx, req.user!));
  }));
  router.get('/actions', route(async (req, res) => {
    const q = parseBody(registerQuerySchema, req.query);
    res.json(await listRegister(ctx, req.user!, { status: q.status, overdue: q.overdue === 'true', organization: q.organization }));
  }));
  router.patch('/actions/:id', route(async (req, res) => {
    res.json(await updateRegisterEntry(ctx, req.user!, id(req.params), parseBody(actionPatchSchema, req.body)));
  }));
  router.post('/actions/:id/notes', route(async (req, res) => {
    res.status(201).json(await addProgressNote(ctx, req.user!, id(req.params), parseBody(noteSchema, req.body).note));
  }));
  return router;
}
