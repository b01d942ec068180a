import { Router } from 'express';
import QRCode from 'qrcode';
import { createSessionSchema, seatSchema, templatePatchSchema } from '../../shared/schemas/api';
import { phasesSchema, proxyParticipantSchema, saveTemplateSchema, sessionPatchSchema, tablesSchema } from '../../shared/schemas/control';
import { issueFacilitatorToken, issueObserverLink, listObserverLinks, revokeObserverLink } from '../services/access.service';
import type { ServiceContext } from '../services/context';
import { describeJoinRate, listSessionParticipants, removeParticipant } from '../services/participants.service';
import { getTemplateView, setTemplateSharing } from '../services/template-access';
import { createSession, getManagedSession, getSessionView, listSessionViews, patchSession, setPhases } from '../services/sessions.service';
import { addProxyParticipant, copyPrepToTables, seatParticipant, setTables } from '../services/tables.service';
import { listTemplateViews, saveSessionAsTemplate } from '../services/templates.service';
import { suggestBoardGroups } from '../services/suggestions.service';
import { groupSuggestionsSchema } from '../../shared/schemas/consensus';
import { spaceQuerySchema } from '../../shared/schemas/clerk';
import { parseBody, requireUser, route } from './middleware';

/** What facilitators do to prepare and manage sessions (all need the login cookie). */
export function sessionRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.use(['/sessions', '/templates'], requireUser);
  const id = (params: Record<string, unknown>) => String(params.id);

  router.get('/templates', route(async (req, res) => {
    res.json(await listTemplateViews(ctx, req.user!, req.lang));
  }));
  router.get('/templates/:id', route(async (req, res) => {
    res.json(await getTemplateView(ctx, req.user!, id(req.params), req.lang));
  }));
  router.patch('/templates/:id', route(async (req, res) => {
    res.json(await setTemplateSharing(ctx, req.user!, id(req.params), parseBody(templatePatchSchema, req.body).shared, req.lang));
  }));
  router.post('/templates', route(async (req, res) => {
    const input = parseBody(saveTemplateSchema, req.body);
    res.status(201).json(await saveSessionAsTemplate(ctx, req.user!, input.name, input.fromSessionId));
  }));

  router.post('/sessions', route(async (req, res) => {
    res.status(201).json(await createSession(ctx, req.user!, parseBody(createSessionSchema, req.body), req.lang));
  }));
  router.get('/sessions', route(async (req, res) => {
    res.json(await listSessionViews(ctx, req.user!, req.lang, parseBody(spaceQuerySchema, req.query).spaceId));
  }));
  router.get('/sessions/:id', route(async (req, res) => {
    res.json(await getSessionView(ctx, req.user!, id(req.params), req.lang));
  }));
  // A patch with no field we know changes nothing and answers the session as it is (200).
  router.patch('/sessions/:id', route(async (req, res) => {
    const patch = parseBody(sessionPatchSchema, req.body);
    if (Object.keys(patch).length === 0) return void res.json(await getSessionView(ctx, req.user!, id(req.params), req.lang));
    res.json(await patchSession(ctx, req.user!, id(req.params), patch, req.lang));
  }));
  router.put('/sessions/:id/phases', route(async (req, res) => {
    res.json(await setPhases(ctx, req.user!, id(req.params), parseBody(phasesSchema, req.body), req.lang));
  }));
  router.put('/sessions/:id/tables', route(async (req, res) => {
    res.json(await setTables(ctx, req.user!, id(req.params), parseBody(tablesSchema, req.body), req.lang));
  }));
  router.post('/sessions/:id/group-suggestions', route(async (req, res) => {
    res.json(await suggestBoardGroups(ctx, req.user!, id(req.params), parseBody(groupSuggestionsSchema, req.body).room));
  }));
  router.post('/sessions/:id/tables/copy-prep', route(async (req, res) => {
    res.json({ tables: await copyPrepToTables(ctx, req.user!, id(req.params)) });
  }));

  router.get('/sessions/:id/token', route(async (req, res) => {
    res.json({ token: await issueFacilitatorToken(ctx, req.user!, id(req.params)) });
  }));
  router.post('/sessions/:id/observer-link', route(async (req, res) => {
    res.status(201).json(await issueObserverLink(ctx, req.user!, id(req.params)));
  }));
  router.get('/sessions/:id/observer-links', route(async (req, res) => {
    res.json(await listObserverLinks(ctx, req.user!, id(req.params)));
  }));
  router.delete('/sessions/:id/observer-links/:linkId', route(async (req, res) => {
    await revokeObserverLink(ctx, req.user!, id(req.params), String(req.params.linkId));
    res.status(204).end();
  }));
  router.get('/sessions/:id/qr.svg', route(async (req, res) => {
    const session = await getManagedSession(ctx, req.user!, id(req.params));
    const svg = await QRCode.toString(`${ctx.publicUrl}/j/${session.join_code}`, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    res.type('image/svg+xml').send(svg);
  }));

  router.get('/sessions/:id/participants', route(async (req, res) => {
    res.json(await listSessionParticipants(ctx, req.user!, id(req.params)));
  }));
  router.get('/sessions/:id/joins', route(async (req, res) => {
    res.json(await describeJoinRate(ctx, req.user!, id(req.params)));
  }));
  router.post('/sessions/:id/participants', route(async (req, res) => {
    res.status(201).json(await addProxyParticipant(ctx, req.user!, id(req.params), parseBody(proxyParticipantSchema, req.body)));
  }));
  router.put('/sessions/:id/participants/:participantId/table', route(async (req, res) => {
    const { room } = parseBody(seatSchema, req.body);
    await seatParticipant(ctx, req.user!, id(req.params), String(req.params.participantId), room);
    res.status(204).end();
  }));
  router.delete('/sessions/:id/participants/:participantId', route(async (req, res) => {
    await removeParticipant(ctx, req.user!, id(req.params), String(req.params.participantId));
    res.status(204).end();
  }));
  return router;
}
