import { Router } from 'express';
import { paperAnswerSchema, paperSheetsSchema } from '../../shared/schemas/reports';
import type { ServiceContext } from '../services/context';
import { addPaperAnswer, removePaperAnswer, setPaperSheets } from '../services/paper-survey.service';
import { parseBody, requireUser, route } from './middleware';

/** Paper survey sheets the secretariat types in after the session (see docs/api.md). */
export function paperSurveyRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.use('/sessions/:id/survey/paper', requireUser);
  router.use('/sessions/:id/survey/paper-sheets', requireUser);
  router.post('/sessions/:id/survey/paper', route(async (req, res) => {
    res.status(201).json(await addPaperAnswer(ctx, req.user!, String(req.params.id), parseBody(paperAnswerSchema, req.body).answers));
  }));
  router.delete('/sessions/:id/survey/paper/:itemId', route(async (req, res) => {
    await removePaperAnswer(ctx, req.user!, String(req.params.id), String(req.params.itemId));
    res.status(204).end();
  }));
  router.put('/sessions/:id/survey/paper-sheets', route(async (req, res) => {
    res.json(await setPaperSheets(ctx, req.user!, String(req.params.id), parseBody(paperSheetsSchema, req.body).handedOut));
  }));
  return router;
}
