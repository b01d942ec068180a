import { Router } from 'express';
import { createSpaceSchema, patchSpaceSchema, spaceIdSchema, spaceMembersSchema } from '../../shared/schemas/spaces';
import type { ServiceContext } from '../services/context';
import { spaceOrganizationTypes } from '../services/space-organization-types.service';
import { createSpace, getSpaceView, listSpaceRefs, patchSpace, replaceMembers, requireSpaceAccess } from '../services/spaces.service';
import { parseBody, requireUser, route } from './middleware';

/** Spaces (initiatives on one installation): the caller's list, an admin's new space, settings and members. */
export function spaceRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.use('/spaces', requireUser);
  // The route table checked the id already; parsing again keeps the handler honest on its own.
  const id = (params: Record<string, unknown>) => parseBody(spaceIdSchema, params.id);

  router.get('/spaces', route(async (req, res) => {
    res.json(await listSpaceRefs(ctx, req.user!));
  }));
  router.post('/spaces', route(async (req, res) => {
    res.status(201).json(await createSpace(ctx, req.user!, parseBody(createSpaceSchema, req.body).name));
  }));
  router.get('/spaces/:id', route(async (req, res) => {
    res.json(await getSpaceView(ctx, req.user!, id(req.params)));
  }));
  router.patch('/spaces/:id', route(async (req, res) => {
    res.json(await patchSpace(ctx, req.user!, id(req.params), parseBody(patchSpaceSchema, req.body)));
  }));
  router.put('/spaces/:id/members', route(async (req, res) => {
    res.json(await replaceMembers(ctx, req.user!, id(req.params), parseBody(spaceMembersSchema, req.body)));
  }));
  router.get('/spaces/:id/organization-types', route(async (req, res) => {
    const space = await requireSpaceAccess(ctx, req.user!, id(req.params), 'read');
    res.json(await spaceOrganizationTypes(ctx, space.id, req.lang));
  }));
  return router;
}
