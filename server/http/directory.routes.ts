import express, { Router } from 'express';
import { directoryQuerySchema, linkOrganizationPatchSchema, resourceCreateSchema, resourcePatchSchema } from '../../shared/schemas/directory';
import type { ServiceContext } from '../services/context';
import { publicDirectory, searchDirectory } from '../services/directory.service';
import { directoryFigures } from '../services/directory-figures.service';
import { HSDS_TABLES, type HsdsTable, hsdsCsv, hsdsOrganizations } from '../services/hsds.service';
import { addResourceByLink, confirmByLink, getLinkView, patchOrganizationByLink, patchResourceByLink } from '../services/update-links.service';
import { AppError } from '../errors';
import { parseBody, requireUser, route } from './middleware';
import { z } from 'zod';

const figuresQuerySchema = z.object({ audience: z.string().max(60).optional() });

/** The directory (members of the space), its public view and the update-link holder's API (no account). */
export function directoryRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.use(['/spaces/:id/directory'], requireUser);
  const id = (p: Record<string, unknown>) => String(p.id);
  const token = (p: Record<string, unknown>) => String(p.token);
  // A link page is personal: never cached by a shared proxy, never sent on as a referrer.
  const personal = (res: express.Response) => res.setHeader('Cache-Control', 'no-store').setHeader('Referrer-Policy', 'no-referrer');

  router.get('/spaces/:id/directory', route(async (req, res) => {
    res.json(await searchDirectory(ctx, req.user!, id(req.params), parseBody(directoryQuerySchema, req.query)));
  }));
  router.get('/spaces/:id/directory/figures', route(async (req, res) => {
    res.json(await directoryFigures(ctx, req.user!, id(req.params), parseBody(figuresQuerySchema, req.query).audience));
  }));
  router.get('/spaces/:id/directory/hsds.json', route(async (req, res) => {
    res.setHeader('Content-Disposition', 'attachment; filename="hsds.json"');
    res.type('application/json; charset=utf-8').send(JSON.stringify(await hsdsOrganizations(ctx, req.user!, id(req.params))));
  }));
  // The table was checked against HSDS_TABLES by validateDeclaredParams; this is the second line.
  router.get('/spaces/:id/directory/hsds/:table.csv', route(async (req, res) => {
    const table = String(req.params.table);
    if (!(HSDS_TABLES as readonly string[]).includes(table)) throw new AppError('not_found', `HSDS tables are ${HSDS_TABLES.join(', ')}`);
    res.setHeader('Content-Disposition', `attachment; filename="${table}.csv"`);
    res.type('text/csv; charset=utf-8').send(await hsdsCsv(ctx, req.user!, id(req.params), table as HsdsTable));
  }));
  router.get('/public/directory/:spaceId', route(async (req, res) => {
    res.json(await publicDirectory(ctx, String(req.params.spaceId), parseBody(directoryQuerySchema, req.query)));
  }));

  router.get('/update-links/:token', route(async (req, res) => {
    personal(res).json(await getLinkView(ctx, token(req.params)));
  }));
  router.patch('/update-links/:token/organization', route(async (req, res) => {
    personal(res).json(await patchOrganizationByLink(ctx, token(req.params), parseBody(linkOrganizationPatchSchema, req.body)));
  }));
  router.post('/update-links/:token/resources', route(async (req, res) => {
    personal(res).status(201).json(await addResourceByLink(ctx, token(req.params), parseBody(resourceCreateSchema, req.body)));
  }));
  router.patch('/update-links/:token/resources/:resourceId', route(async (req, res) => {
    personal(res).json(await patchResourceByLink(ctx, token(req.params), String(req.params.resourceId), parseBody(resourcePatchSchema, req.body)));
  }));
  router.post('/update-links/:token/confirm', route(async (req, res) => {
    personal(res).json(await confirmByLink(ctx, token(req.params)));
  }));
  return router;
}
