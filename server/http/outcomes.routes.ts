import { Router } from 'express';
import { actionPatchSchema, actionSchema, decisionPatchSchema, decisionSchema } from '../../shared/schemas/consensus';
import type { ServiceContext } from '../services/context';
import { addAction, addDecision, editAction, editDecision, readOutcome, removeAction, removeDecision } from '../services/outcomes.service';
import { getManagedSession } from '../services/sessions.service';
import { parseBody, requireUser, route } from './middleware';

/** Decisions (合意事項) and follow-up actions of a session, recorded by its facilitator. */
export function outcomeRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.use('/sessions/:id', requireUser);
  const ids = (p: Record<string, unknown>) => ({ sessionId: String(p.id), itemId: String(p.itemId) });

  router.get('/sessions/:id/outcome', route(async (req, res) => {
    const session = await getManagedSession(ctx, req.user!, String(req.params.id));
    res.json(await readOutcome(ctx, session.id));
  }));
  router.post('/sessions/:id/decisions', route(async (req, res) => {
    res.status(201).json(await addDecision(ctx, req.user!, String(req.params.id), parseBody(decisionSchema, req.body)));
  }));
  router.patch('/sessions/:id/decisions/:itemId', route(async (req, res) => {
    const { sessionId, itemId } = ids(req.params);
    res.json(await editDecision(ctx, req.user!, sessionId, itemId, parseBody(decisionPatchSchema, req.body)));
  }));
  router.delete('/sessions/:id/decisions/:itemId', route(async (req, res) => {
    const { sessionId, itemId } = ids(req.params);
    await removeDecision(ctx, req.user!, sessionId, itemId);
    res.status(204).end();
  }));
  router.post('/sessions/:id/actions', route(async (req, res) => {
    res.status(201).json(await addAction(ctx, req.user!, String(req.params.id), parseBody(actionSchema, req.body)));
  }));
  router.patch('/sessions/:id/actions/:itemId', route(async (req, res) => {
    const { sessionId, itemId } = ids(req.params);
    res.json(await editAction(ctx, req.user!, sessionId, itemId, parseBody(actionPatchSchema, req.body)));
  }));
  router.delete('/sessions/:id/actions/:itemId', route(async (req, res) => {
    const { sessionId, itemId } = ids(req.params);
    await removeAction(ctx, req.user!, sessionId, itemId);
    res.status(204).end();
  }));
  return router;
}
