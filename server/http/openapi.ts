import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { API_ROUTES, type ApiRoute } from './api-routes';
import { LOGIN_COOKIE } from './middleware';

/** `{ error: { code, message } }`: the body of every error answer. */
const errorSchema = z
  .object({ error: z.object({ code: z.string().meta({ description: 'one of the ErrorCode union (shared/protocol/errors.ts)' }), message: z.string() }) })
  .meta({ id: 'Error' });

const MEDIA: Record<NonNullable<ApiRoute['ok']['type']>, string | null> = {
  json: 'application/json',
  csv: 'text/csv',
  markdown: 'text/markdown',
  svg: 'image/svg+xml',
  none: null,
};

/** `/api/sessions/:id/export/:kind.csv` → `/api/sessions/{id}/export/{kind}.csv`. */
export function openApiPathOf(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

function operationOf(route: ApiRoute): ZodOpenApiOperationObject {
  const media = MEDIA[route.ok.type ?? 'json'];
  const error = { description: 'error', content: { 'application/json': { schema: errorSchema } } };
  const operation: ZodOpenApiOperationObject = {
    summary: route.summary,
    responses: {
      [String(route.ok.status)]: { description: route.ok.description, ...(media ? { content: { [media]: { schema: {} } } } : {}) },
      '400': error,
      ...(route.auth === 'none' ? {} : { '401': error, '403': error }),
      ...(route.params ? { '404': error } : {}),
    },
  };
  if (route.params || route.query) operation.requestParams = { ...(route.params ? { path: route.params } : {}), ...(route.query ? { query: route.query } : {}) };
  if (route.body) operation.requestBody = { required: true, content: { 'application/json': { schema: route.body } } };
  if (route.auth === 'login') operation.security = [{ login: [] }];
  if (route.auth === 'token') operation.security = [{ token: [] }];
  return operation;
}

/** The OpenAPI 3.1 document of the REST API, derived from API_ROUTES (served at `/api/openapi.json`). */
export function openApiDocument(routes: readonly ApiRoute[] = API_ROUTES): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {
    '/healthz': { get: { summary: 'Liveness', responses: { '200': { description: '{"status":"ok"}', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } } } } },
    '/api/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: {} } } } } } },
  };
  for (const route of routes) {
    const path = openApiPathOf(route.path);
    paths[path] = { ...paths[path], [route.method]: operationOf(route) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Yoriai REST API',
      version: '1',
      description:
        'Accounts, sessions, joins, outcomes, reports, exports. Errors are `{ error: { code, message } }`; a malformed percent-escape anywhere in a URL is a 400. Board sync (y-websocket at /yjs/<room>) and control (socket.io) are described in docs/api.md.',
    },
    components: {
      securitySchemes: {
        login: { type: 'apiKey', in: 'cookie', name: LOGIN_COOKIE, description: 'set by POST /api/auth/login' },
        token: { type: 'http', scheme: 'bearer', description: 'a session access token (POST /api/join, GET /api/sessions/{id}/token)' },
      },
    },
    paths,
  });
}
