import express, { Router } from 'express';
import { archiveQuerySchema, type ExportKind, progressNoteSchema, registerQuerySchema } from '../../shared/schemas/api';
import { actionPatchSchema } from '../../shared/schemas/consensus';
import { surveySchema } from '../../shared/survey';
import { crossSessionStats, listArchive, statsCsv } from '../services/archive.service';
import { searchQuerySchema, spaceQuerySchema, statsQuerySchema, type StatsTable, variantGroupsSchema } from '../../shared/schemas/clerk';
import { getVariantGroups, searchArchiveCards, setVariantGroups } from '../services/search.service';
import { deleteSession } from '../services/sessions.service';
import type { ServiceContext } from '../services/context';
import { actionsCsv, agreementCsv, cardsCsv, reportMarkdown, surveyCsv } from '../services/exports.service';
import { addProgressNote, listRegister, registerCsv, sinceLastTime, updateRegisterEntry } from '../services/followup.service';
import { closeSession, reopenSession } from '../services/projection.service';
import { buildReport } from '../services/report.service';
import { importSession, sessionExportSchema } from '../services/session-transfer.service';
import { presentSessionExport } from '../services/presenters/session-export.presenter';
import { getSurveyEditor, setSurvey } from '../services/survey.service';
import { AppError } from '../errors';
import { parseBody, requireUser, route } from './middleware';

/** Largest session export accepted for import (board documents travel inside it). */
export const IMPORT_BODY_LIMIT = '50mb';

/** The CSV exports by kind: a Map, so a kind like `constructor` finds nothing. */
const CSV_EXPORTS: ReadonlyMap<ExportKind, typeof cardsCsv> = new Map([
  ['cards', cardsCsv],
  ['actions', actionsCsv],
  ['survey', surveyCsv],
  ['agreement', agreementCsv],
]);

/** After the session: close, report, exports, archive, follow-up register, figures across sessions. */
export function secretariatRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.use(['/sessions', '/archive', '/stats', '/actions', '/search'], requireUser);
  const id = (p: Record<string, unknown>) => String(p.id);
  const download = (res: express.Response, type: string, name: string, body: string) => {
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.type(type).send(body);
  };

  router.post('/sessions/import', express.json({ limit: IMPORT_BODY_LIMIT }), route(async (req, res) => {
    res.status(201).json(await importSession(ctx, req.user!, parseBody(sessionExportSchema, req.body), parseBody(spaceQuerySchema, req.query).spaceId));
  }));
  router.post('/sessions/:id/close', route(async (req, res) => {
    await closeSession(ctx, req.user!, id(req.params));
    res.status(204).end();
  }));
  router.post('/sessions/:id/reopen', route(async (req, res) => {
    await reopenSession(ctx, req.user!, id(req.params));
    res.status(204).end();
  }));
  router.get('/sessions/:id/survey/questions', route(async (req, res) => {
    res.json(await getSurveyEditor(ctx, req.user!, id(req.params)));
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
  // The kind was checked against EXPORT_KINDS by validateDeclaredParams; the Map is the second line.
  router.get('/sessions/:id/export/:kind.csv', route(async (req, res) => {
    const kind = String(req.params.kind) as ExportKind;
    const make = CSV_EXPORTS.get(kind);
    if (!make) throw new AppError('not_found', 'exports are cards, actions, survey and agreement');
    download(res, 'text/csv; charset=utf-8', `${kind}-${id(req.params)}.csv`, await make(ctx, req.user!, id(req.params), req.lang));
  }));
  router.get('/sessions/:id/export.json', route(async (req, res) => {
    download(res, 'application/json; charset=utf-8', `session-${id(req.params)}.json`, JSON.stringify(await presentSessionExport(ctx, req.user!, id(req.params))));
  }));
  router.get('/sessions/:id/since-last', route(async (req, res) => {
    res.json(await sinceLastTime(ctx, req.user!, id(req.params)));
  }));

  router.get('/archive', route(async (req, res) => {
    res.json(await listArchive(ctx, req.user!, parseBody(archiveQuerySchema, req.query)));
  }));
  router.get('/search', route(async (req, res) => {
    res.json(await searchArchiveCards(ctx, req.user!, parseBody(searchQuerySchema, req.query)));
  }));
  router.get('/search/variants', route(async (_req, res) => {
    res.json(await getVariantGroups(ctx));
  }));
  router.put('/search/variants', route(async (req, res) => {
    res.json(await setVariantGroups(ctx, req.user!, parseBody(variantGroupsSchema, req.body)));
  }));
  router.delete('/sessions/:id', route(async (req, res) => {
    await deleteSession(ctx, req.user!, id(req.params));
    res.status(204).end();
  }));
  const fiscalYear = (query: unknown) => {
    const year = parseBody(statsQuerySchema, query).fiscalYear;
    return year === undefined ? undefined : Number(year);
  };
  const spaceOf = (query: unknown) => parseBody(spaceQuerySchema, query).spaceId;
  router.get('/stats', route(async (req, res) => {
    res.json(await crossSessionStats(ctx, req.user!, fiscalYear(req.query), spaceOf(req.query)));
  }));
  // The table was checked against STATS_TABLES by validateDeclaredParams.
  router.get('/stats/export/:table.csv', route(async (req, res) => {
    const table = String(req.params.table) as StatsTable;
    const year = fiscalYear(req.query);
    download(res, 'text/csv; charset=utf-8', `figures-${table}${year === undefined ? '' : `-${year}`}.csv`, await statsCsv(ctx, req.user!, table, req.lang, year, spaceOf(req.query)));
  }));
  router.get('/actions/export.csv', route(async (req, res) => {
    download(res, 'text/csv; charset=utf-8', 'register.csv', await registerCsv(ctx, req.user!, req.lang, spaceOf(req.query)));
  }));
  router.get('/actions', route(async (req, res) => {
    const q = parseBody(registerQuerySchema, req.query);
    res.json(await listRegister(ctx, req.user!, { status: q.status, overdue: q.overdue === 'true', organization: q.organization, spaceId: q.spaceId }));
  }));
  router.patch('/actions/:id', route(async (req, res) => {
    res.json(await updateRegisterEntry(ctx, req.user!, id(req.params), parseBody(actionPatchSchema, req.body)));
  }));
  router.post('/actions/:id/notes', route(async (req, res) => {
    res.status(201).json(await addProgressNote(ctx, req.user!, id(req.params), parseBody(progressNoteSchema, req.body).note));
  }));
  return router;
}
