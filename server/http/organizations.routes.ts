import express, { Router } from 'express';
import { importQuerySchema, organizationCreateSchema, organizationPatchSchema, resourceCreateSchema, resourcePatchSchema, TAXONOMY_FACETS, type TaxonomyFacet, taxonomyPutSchema, updateLinkCreateSchema, updateLinksBatchSchema } from '../../shared/schemas/directory';
import type { ServiceContext } from '../services/context';
import { getTaxonomies, putTaxonomy } from '../services/directory-taxonomy.service';
import { createOrganization, getOrganizationPage, listOrganizationViews, patchOrganization } from '../services/organizations.service';
import { importOrganizations, ImportRowsError, organizationsCsv } from '../services/organizations-csv.service';
import { createResource, getResource, patchResource, removeResource } from '../services/resources.service';
import { createUpdateLink, revokeUpdateLink } from '../services/update-links.service';
import { createUpdateLinksForSpace } from '../services/update-links-batch.service';
import { AppError } from '../errors';
import { parseBody, requireUser, route } from './middleware';

/** Largest CSV a member-list import takes (a few thousand rows of a city's list). */
export const ORGANIZATION_IMPORT_LIMIT = '5mb';

/** Member organisations, their resources and update links, the space's taxonomies (signed-in accounts). */
export function organizationRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.use(['/organizations', '/resources', '/spaces/:id/organizations', '/spaces/:id/organizations.csv', '/spaces/:id/organizations.json', '/spaces/:id/taxonomies'], requireUser);
  const id = (p: Record<string, unknown>) => String(p.id);
  const download = (res: express.Response, type: string, name: string, body: string) => {
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.type(type).send(body);
  };

  router.post('/spaces/:id/organizations', route(async (req, res) => {
    res.status(201).json(await createOrganization(ctx, req.user!, id(req.params), parseBody(organizationCreateSchema, req.body)));
  }));
  router.get('/spaces/:id/organizations', route(async (req, res) => {
    res.json(await listOrganizationViews(ctx, req.user!, id(req.params)));
  }));
  // The CSV is taken as bytes, whatever the type says: Excel's Shift_JIS must reach the decoder unchanged.
  const csvBody = express.raw({ type: () => true, limit: ORGANIZATION_IMPORT_LIMIT });
  router.post('/spaces/:id/organizations/import', csvBody, route(async (req, res) => {
    const preview = parseBody(importQuerySchema, req.query).preview === '1';
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    try {
      const result = await importOrganizations(ctx, req.user!, id(req.params), bytes, preview, req.lang);
      res.json(preview ? { preview: true, encoding: result.encoding, rows: result.rows, ignoredColumns: result.ignoredColumns } : { imported: result.imported, encoding: result.encoding });
    } catch (error) {
      if (!(error instanceof ImportRowsError)) throw error;
      res.status(400).json({ error: error.toBody(), rows: error.rows });
    }
  }));
  router.get('/spaces/:id/organizations.csv', route(async (req, res) => {
    download(res, 'text/csv; charset=utf-8', 'organizations.csv', await organizationsCsv(ctx, req.user!, id(req.params)));
  }));
  router.get('/spaces/:id/organizations.json', route(async (req, res) => {
    download(res, 'application/json; charset=utf-8', 'organizations.json', JSON.stringify(await listOrganizationViews(ctx, req.user!, id(req.params))));
  }));
  router.get('/spaces/:id/taxonomies', route(async (req, res) => {
    res.json(await getTaxonomies(ctx, req.user!, id(req.params)));
  }));
  // The facet was checked against TAXONOMY_FACETS by validateDeclaredParams; this is the second line.
  router.put('/spaces/:id/taxonomies/:facet', route(async (req, res) => {
    const facet = String(req.params.facet);
    if (!(TAXONOMY_FACETS as readonly string[]).includes(facet)) throw new AppError('not_found', 'taxonomies are categories, audiences and districts');
    res.json(await putTaxonomy(ctx, req.user!, id(req.params), facet as TaxonomyFacet, parseBody(taxonomyPutSchema, req.body)));
  }));

  router.get('/organizations/:id', route(async (req, res) => {
    res.json(await getOrganizationPage(ctx, req.user!, id(req.params)));
  }));
  router.patch('/organizations/:id', route(async (req, res) => {
    res.json(await patchOrganization(ctx, req.user!, id(req.params), parseBody(organizationPatchSchema, req.body)));
  }));
  router.post('/organizations/:id/resources', route(async (req, res) => {
    res.status(201).json(await createResource(ctx, req.user!, id(req.params), parseBody(resourceCreateSchema, req.body)));
  }));
  router.post('/organizations/:id/update-link', route(async (req, res) => {
    res.status(201).json(await createUpdateLink(ctx, req.user!, id(req.params), parseBody(updateLinkCreateSchema, req.body)));
  }));
  router.post('/spaces/:id/update-links', route(async (req, res) => {
    res.status(201).json(await createUpdateLinksForSpace(ctx, req.user!, id(req.params), parseBody(updateLinksBatchSchema, req.body)));
  }));
  router.delete('/organizations/:id/update-link', route(async (req, res) => {
    await revokeUpdateLink(ctx, req.user!, id(req.params));
    res.status(204).end();
  }));
  router.get('/resources/:id', route(async (req, res) => {
    res.json(await getResource(ctx, req.user!, id(req.params)));
  }));
  router.patch('/resources/:id', route(async (req, res) => {
    res.json(await patchResource(ctx, req.user!, id(req.params), parseBody(resourcePatchSchema, req.body)));
  }));
  router.delete('/resources/:id', route(async (req, res) => {
    await removeResource(ctx, req.user!, id(req.params));
    res.status(204).end();
  }));
  return router;
}
