import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import type { ZodType } from 'zod';
import { type Language, pickLanguage } from '../../shared/i18n';
import type { TokenActor, UserActor } from '../auth/policy';
import { AppError, describeIssues, toAppError } from '../errors';
import { hasWellFormedEscapes } from './url';
import { findAccountByCookie, toUserActor } from '../services/accounts.service';
import type { ServiceContext } from '../services/context';
import { resolveAccessToken } from '../services/access.service';
import { loadSpaceRoles } from '../services/spaces.service';
import type { Logger } from 'pino';

/** Name of the login cookie. */
export const LOGIN_COOKIE = 'yoriai_login';

declare module 'express-serve-static-core' {
  interface Request {
    user?: UserActor;
    tokenActor?: TokenActor;
    lang: Language;
    log: Logger;
  }
}

/** Parse a request body with a zod schema or answer 400 with what is wrong. */
export function parseBody<T>(schema: ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw new AppError('bad_request', describeIssues(result.error.issues));
  return result.data;
}

/** An async route handler whose errors go to the error middleware. */
export function route(handler: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return (req, res, next) => {
    handler(req, res).catch(next);
  };
}

/** Attach the account behind the login cookie (if any) and the request's language. */
export function identify(ctx: ServiceContext): RequestHandler {
  return (req, _res, next) => {
    // `?lang=a&lang=b` parses as an array: only a single string names a language.
    const lang = typeof req.query.lang === 'string' ? req.query.lang : undefined;
    req.lang = pickLanguage(lang ?? req.headers['accept-language']);
    const cookie = (req.cookies as Record<string, string> | undefined)?.[LOGIN_COOKIE];
    if (!cookie) return next();
    findAccountByCookie(ctx, cookie)
      .then(async (row) => {
        // The account's spaces are read on every request, so an appointment takes effect at once.
        if (row) req.user = toUserActor(row, cookie, await loadSpaceRoles(ctx, row.id));
        next();
      })
      .catch(next);
  };
}

/** Require a signed-in account. */
export const requireUser: RequestHandler = (req, _res, next) => {
  next(req.user ? undefined : new AppError('unauthorized', 'sign in first'));
};

/** Require `Authorization: Bearer <session access token>`. */
export function requireToken(ctx: ServiceContext): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    resolveAccessToken(ctx, token)
      .then((actor) => {
        if (!actor) return next(new AppError('unauthorized', 'unknown or expired token'));
        req.tokenActor = actor;
        next();
      })
      .catch(next);
  };
}

/**
 * Refuse cookie-authenticated writes from other sites: a browser always sends Origin on a
 * cross-site POST, so a mismatch is a forged request. With SameSite cookies this closes CSRF.
 */
export function checkOrigin(isAllowedOrigin: (origin: string | undefined, host: string | undefined) => boolean): RequestHandler {
  return (req, _res, next) => {
    const safe = req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS';
    if (safe || isAllowedOrigin(req.headers.origin, req.headers.host)) return next();
    next(new AppError('forbidden', 'cross-site request refused'));
  };
}

/**
 * Answer 400 to a request whose path or query holds a malformed percent-escape (`%E0`, `%`),
 * before the router, the static files or the SPA fallback try to decode it.
 */
export const rejectMalformedUrl: RequestHandler = (req, _res, next) => {
  next(hasWellFormedEscapes(req.url) ? undefined : new AppError('bad_request', 'malformed percent-escape in the URL'));
};

/** Render every error as `{ error: { code, message } }` with its status. Never leaks a stack. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const bodyError = error as { type?: string; status?: number };
    let appError: AppError;
    if (bodyError?.type === 'entity.too.large') appError = new AppError('too_large', 'request body too large');
    else if (bodyError?.type === 'entity.parse.failed') appError = new AppError('bad_request', 'request body is not valid JSON');
    else if (bodyError?.type && bodyError.status && bodyError.status < 500) appError = new AppError('bad_request', 'bad request body');
    // The router's own decoding of a parameter (a second line behind rejectMalformedUrl).
    else if (error instanceof URIError) appError = new AppError('bad_request', 'malformed percent-escape in the URL');
    else appError = toAppError(error);
    if (appError.code === 'internal') (req.log ?? log).error({ err: error }, 'request failed');
    if (res.headersSent) return;
    res.status(appError.status).json({ error: appError.toBody() });
  };
}
