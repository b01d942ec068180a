import type { Request, RequestHandler, Response } from 'express';
import { RateLimitedError } from '../auth/throttle';
import { route } from './middleware';

/** `route`, and a `Retry-After` header (seconds) when the handler was refused for a spent budget. */
export function limitedRoute(handler: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return route(async (req, res) => {
    try {
      await handler(req, res);
    } catch (error) {
      if (error instanceof RateLimitedError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  });
}
