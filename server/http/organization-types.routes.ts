import { Router } from 'express';
import { organizationTypeCreateSchema, organizationTypeIdSchema, organizationTypePatchSchema } from '../../shared/organization-types';
import type { ServiceContext } from '../services/context';
import { addOrganizationType, changeOrganizationType, listActiveOrganizationTypes, listAllOrganizationTypes } from '../services/organization-types.service';
import { parseBody, requireUser, route } from './middleware';

/** The organisation types: what the join page offers (anyone), and the admin's list. */
export function organizationTypeRoutes(ctx: ServiceContext): Router {
  const router = Router();

  router.get('/organization-types', route(async (req, res) => {
    res.json(await listActiveOrganizationTypes(ctx, req.lang));
  }));
  router.get('/organization-types/all', requireUser, route(async (req, res) => {
    res.json(await listAllOrganizationTypes(ctx, req.lang));
  }));
  router.post('/organization-types', requireUser, route(async (req, res) => {
    res.status(201).json(await addOrganizationType(ctx, req.user!, parseBody(organizationTypeCreateSchema, req.body), req.lang));
  }));
  router.patch('/organization-types/:id', requireUser, route(async (req, res) => {
    const id = parseBody(organizationTypeIdSchema, req.params.id);
    res.json(await changeOrganizationType(ctx, req.user!, id, parseBody(organizationTypePatchSchema, req.body), req.lang));
  }));

  return router;
}
