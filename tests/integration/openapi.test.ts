import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { API_ROUTES, pathParamsOf } from '../../server/http/api-routes';
import { useTestServer } from '../support/lifecycle';

interface Layer {
  rawPath?: string | string[];
  handle?: { stack?: Layer[] };
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/** `METHOD /path` of every route registered in express under `/api`, read from the router stacks. */
function registeredApiRoutes(stack: Layer[], prefix = ''): string[] {
  const out: string[] = [];
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const path of paths) for (const method of Object.keys(layer.route.methods)) if (method !== '_all') out.push(`${method.toUpperCase()} ${prefix}${path}`);
    } else if (layer.handle?.stack) {
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      out.push(...registeredApiRoutes(layer.handle.stack, prefix + mount));
    }
  }
  return [...new Set(out.filter((r) => r.split(' ')[1].startsWith('/api/')))].sort();
}

/** `/api/sessions/{id}/export/{kind}.csv` → `/api/sessions/:id/export/:kind.csv`. */
const expressPathOf = (openApiPath: string) => openApiPath.replace(/\{(\w+)\}/g, ':$1');

describe('OpenAPI document', () => {
  const test = useTestServer();

  it('serves a valid OpenAPI 3.1 document at /api/openapi.json without signing in', async () => {
    const res = await fetch(`${test.server.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const doc = (await res.json()) as { openapi: string };
    expect(doc.openapi).toMatch(/^3\.1\./);
    const validator = new Validator();
    const result = await validator.validate(doc as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('documents every /api route registered in express, and documents none that is not', async () => {
    const res = await fetch(`${test.server.url}/api/openapi.json`);
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${expressPathOf(path)}`))
      .filter((r) => r.split(' ')[1].startsWith('/api/'))
      .sort();
    const registered = registeredApiRoutes((test.server.app.expressApp as unknown as { router: { stack: Layer[] } }).router.stack);
    expect(registered.length).toBeGreaterThan(40);
    const undocumented = registered.filter((r) => !documented.includes(r));
    const missing = documented.filter((r) => !registered.includes(r));
    // Add an undocumented route to API_ROUTES in server/http/api-routes.ts (docs/api.md, "Adding a route").
    expect(undocumented, `registered in express but not in API_ROUTES: ${undocumented.join(', ')}`).toEqual([]);
    expect(missing, `in API_ROUTES but not registered in express: ${missing.join(', ')}`).toEqual([]);
  });

  it('declares a bounded schema for every path parameter of every route', () => {
    for (const route of API_ROUTES) {
      const names = pathParamsOf(route.path);
      expect(Object.keys(route.params?.shape ?? {}), `${route.method} ${route.path}`).toEqual(names);
      for (const name of names) {
        const schema = route.params!.shape[name] as { safeParse(v: unknown): { success: boolean } };
        expect(schema.safeParse('x'.repeat(1000)).success, `${route.path} :${name} takes a 1000-character value`).toBe(false);
        expect(schema.safeParse('../x').success, `${route.path} :${name} takes ../x`).toBe(false);
        expect(schema.safeParse('constructor').success && name !== 'id' && !name.endsWith('Id'), `${route.path} :${name} route key takes constructor`).toBe(false);
      }
    }
  });
});
