import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'express';
import type { Config } from '../config';
import { AppError } from '../errors';
import type { Metrics } from './metrics';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether an Authorization header carries exactly `Bearer <token>` (compared in constant time). */
export function hasBearer(header: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1]), digest(token));
}

/**
 * `GET /metrics` on the public port: with `token:<secret>`, the Prometheus text for a request
 * that carries the token (401 otherwise); with metrics off or on their own port, 404 as for any
 * unknown path, so the public port says nothing about them.
 */
export function publicMetricsRoute(metrics: Metrics | null, setting: Config['metrics']): RequestHandler {
  return (req, res, next) => {
    if (!metrics || setting.mode !== 'token') return next(new AppError('not_found', 'no such endpoint'));
    if (!hasBearer(req.headers.authorization, setting.token)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      return next(new AppError('unauthorized', 'metrics need the configured bearer token'));
    }
    metrics.registry.metrics().then(
      (text) => res.type(metrics.registry.contentType).send(text),
      (error: unknown) => next(error),
    );
  };
}

/** The separate metrics listener of `port:<n>`: only `GET /metrics`, on 127.0.0.1. */
export interface MetricsListener {
  url: string;
  close(): Promise<void>;
}

/** Listen on 127.0.0.1:`port` (0: any free port) and answer `GET /metrics`; anything else is 404. */
export async function startMetricsListener(metrics: Metrics, port: number): Promise<MetricsListener> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: { code: 'not_found', message: 'only GET /metrics here' } }));
      return;
    }
    metrics.registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'Content-Type': metrics.registry.contentType });
        res.end(text);
      },
      () => {
        res.writeHead(503, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: { code: 'internal', message: 'metrics could not be collected' } }));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
