import { Router } from 'express';
import { joinSchema } from '../../shared/schemas/api';
import { surveyAnswersSchema } from '../../shared/survey';
import { createJoinThrottle } from '../auth/throttle';
import { describeAccess, joinWithCode } from '../services/access.service';
import { previewJoinCode } from '../services/join-preview.service';
import { joinOrganizationTypes, sessionOwnOrganizationTypes } from '../services/space-organization-types.service';
import { answerSurvey, getSurvey } from '../services/survey.service';
import type { ServiceContext } from '../services/context';
import { parseBody, requireToken, route } from './middleware';
import { limitedRoute } from './rate-limited';

/** What a participant's phone (or a projector) calls: no account, a code or a token. */
export function joinRoutes(ctx: ServiceContext): Router {
  const router = Router();

  // Only wrong codes count, and a code that let someone in from an address keeps working there,
  // so a venue where hundreds of phones share one address still joins (see JoinThrottle).
  const throttle = createJoinThrottle({
    perAddress: ctx.config.joinWrongPerAddress,
    global: ctx.config.joinWrongGlobal,
    windowMinutes: ctx.config.joinWindowMinutes,
  });

  router.post('/join', limitedRoute(async (req, res) => {
    const input = parseBody(joinSchema, req.body);
    res.status(201).json(await joinWithCode(ctx, input, req.lang, { address: req.ip ?? 'unknown', throttle }));
  }));

  // The join page's "what is this code": title, venue, date, open or closed; the join's budget.
  router.get('/join/:code', limitedRoute(async (req, res) => {
    res.json(await previewJoinCode(ctx, String(req.params.code), { address: req.ip ?? 'unknown', throttle }));
  }));

  // The organisation types this session's join page offers (its space's list); the same budget.
  router.get('/join/:code/organization-types', limitedRoute(async (req, res) => {
    res.json(await joinOrganizationTypes(ctx, String(req.params.code), { address: req.ip ?? 'unknown', throttle }, req.lang));
  }));

  router.get('/me', requireToken(ctx), route(async (req, res) => {
    res.json(await describeAccess(ctx, req.tokenActor!, req.lang));
  }));

  // The session's space's own organisation types, so boards name every card's type (not its id).
  router.get('/me/organization-types', requireToken(ctx), route(async (req, res) => {
    res.json(await sessionOwnOrganizationTypes(ctx, req.tokenActor!.sessionId, req.lang));
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
