import { Router } from 'express';
import rateLimit from 'express-rate-limit';
import QRCode from 'qrcode';
import { ORGANIZATION_TYPES } from '../../shared/organization-types';
import { translate } from '../../shared/i18n';
import { createSessionSchema, joinSchema } from '../../shared/schemas/api';
import type { ServiceContext } from '../services/context';
import {
  createSession,
  describeAccess,
  getManagedSession,
  getSessionView,
  issueFacilitatorToken,
  joinSession,
  listSessionViews,
} from '../services/sessions.service';
import { listSessionParticipants, removeParticipant } from '../services/participants.service';
import { parseBody, requireToken, requireUser, route } from './middleware';

/** Sessions, join codes, tokens and the organisation types a participant chooses from. */
export function sessionRoutes(ctx: ServiceContext): Router {
  const router = Router();

  // Only wrong codes count, so a venue where hundreds of phones share one address still joins.
  const joinLimiter = rateLimit({
    windowMs: 10 * 60_000,
    limit: 30,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => {
      res.status(429).json({ error: { code: 'rate_limited', message: 'too many wrong join codes; wait and try again' } });
    },
  });

  router.get('/organization-types', (req, res) => {
    res.json(ORGANIZATION_TYPES.map((id) => ({ id, label: translate(req.lang, `organizationType.${id}`) })));
  });

  router.post('/sessions', requireUser, route(async (req, res) => {
    res.status(201).json(await createSession(ctx, req.user!, parseBody(createSessionSchema, req.body), req.lang));
  }));

  router.get('/sessions', requireUser, route(async (req, res) => {
    res.json(await listSessionViews(ctx, req.user!, req.lang));
  }));

  router.get('/sessions/:id', requireUser, route(async (req, res) => {
    res.json(await getSessionView(ctx, req.user!, String(req.params.id), req.lang));
  }));

  router.get('/sessions/:id/token', requireUser, route(async (req, res) => {
    res.json({ token: await issueFacilitatorToken(ctx, req.user!, String(req.params.id)) });
  }));

  router.get('/sessions/:id/qr.svg', requireUser, route(async (req, res) => {
    const session = await getManagedSession(ctx, req.user!, String(req.params.id));
    const svg = await QRCode.toString(`${ctx.publicUrl}/j/${session.join_code}`, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    res.type('image/svg+xml').send(svg);
  }));

  router.get('/sessions/:id/participants', requireUser, route(async (req, res) => {
    res.json(await listSessionParticipants(ctx, req.user!, String(req.params.id)));
  }));

  router.delete('/sessions/:id/participants/:participantId', requireUser, route(async (req, res) => {
    await removeParticipant(ctx, req.user!, String(req.params.id), String(req.params.participantId));
    res.status(204).end();
  }));

  router.post('/join', joinLimiter, route(async (req, res) => {
    res.status(201).json(await joinSession(ctx, parseBody(joinSchema, req.body), req.lang));
  }));

  router.get('/me', requireToken(ctx), route(async (req, res) => {
    res.json(await describeAccess(ctx, req.tokenActor!, req.lang));
  }));

  return router;
}
