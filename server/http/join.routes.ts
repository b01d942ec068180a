import { Router } from 'express';
import rateLimit from 'express-rate-limit';
import { translate } from '../../shared/i18n';
import { ORGANIZATION_TYPES } from '../../shared/organization-types';
import { joinSchema } from '../../shared/schemas/api';
import { surveyAnswersSchema } from '../../shared/survey';
import { describeAccess, joinSession } from '../services/access.service';
import { answerSurvey, getSurvey } from '../services/survey.service';
import type { ServiceContext } from '../services/context';
import { parseBody, requireToken, route } from './middleware';

/** What a participant's phone (or a projector) calls: no account, a code or a token. */
export function joinRoutes(ctx: ServiceContext): Router {
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

  router.post('/join', joinLimiter, route(async (req, res) => {
    res.status(201).json(await joinSession(ctx, parseBody(joinSchema, req.body), req.lang));
  }));

  router.get('/me', requireToken(ctx), route(async (req, res) => {
    res.json(await describeAccess(ctx, req.tokenActor!, req.lang));
  }));

  // The closing survey, from the participant's phone (Bearer token).
  router.get('/sessions/:id/survey', requireToken(ctx), route(async (req, res) => {
    res.json(await getSurvey(ctx, req.tokenActor!, String(req.params.id)));
  }));
  router.post('/sessions/:id/survey', requireToken(ctx), route(async (req, res) => {
    await answerSurvey(ctx, req.tokenActor!, String(req.params.id), parseBody(surveyAnswersSchema, req.body).answers);
    res.status(204).end();
  }));

  return router;
}
