import { Router } from 'express';
import { idParam, loginSchema, setupSchema } from '../../shared/schemas/api';
import { accountPatchSchema, createAccountSchema, passwordChangeSchema, passwordLinkParams, setPasswordSchema } from '../../shared/schemas/clerk';
import {
  changeOwnPassword,
  createAccount,
  createPasswordLink,
  isSetupNeeded,
  listAccounts,
  login,
  logout,
  previewPasswordLink,
  setAccountDisabled,
  setPasswordByLink,
  setupFirstAdmin,
} from '../services/accounts.service';
import { listAudit } from '../services/audit.service';
import { createLoginThrottle } from '../auth/throttle';
import type { ServiceContext } from '../services/context';
import { limitedRoute } from './rate-limited';
import { LOGIN_COOKIE, parseBody, requireUser, route } from './middleware';

/** Accounts: first-visit set-up, login, logout, the current account, admin's user list. */
export function authRoutes(ctx: ServiceContext, secureCookies: boolean): Router {
  const router = Router();
  // Per process: with several processes an attacker's budget is that many times larger, still bounded.
  const throttle = createLoginThrottle({
    perAccount: ctx.config.loginFailuresPerAccount,
    perAddress: ctx.config.loginFailuresPerAddress,
    windowMinutes: ctx.config.loginWindowMinutes,
  });
  const setCookie = (res: import('express').Response, token: string, expiresAt: Date) =>
    res.cookie(LOGIN_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: secureCookies, expires: expiresAt, path: '/' });

  router.get('/setup', route(async (_req, res) => {
    res.json({ needed: await isSetupNeeded(ctx) });
  }));

  router.post('/setup', route(async (req, res) => {
    const input = parseBody(setupSchema, req.body);
    const account = await setupFirstAdmin(ctx, input);
    const { token, expiresAt } = await login(ctx, input.email, input.password);
    setCookie(res, token, expiresAt);
    res.status(201).json(account);
  }));

  router.post('/auth/login', limitedRoute(async (req, res) => {
    const input = parseBody(loginSchema, req.body);
    const { token, account, expiresAt } = await login(ctx, input.email, input.password, { address: req.ip ?? 'unknown', throttle });
    setCookie(res, token, expiresAt);
    res.json(account);
  }));

  router.post('/auth/logout', route(async (req, res) => {
    const token = (req.cookies as Record<string, string> | undefined)?.[LOGIN_COOKIE];
    if (token) await logout(ctx, token);
    res.clearCookie(LOGIN_COOKIE, { path: '/' });
    res.status(204).end();
  }));

  router.get('/auth/me', requireUser, (req, res) => {
    const user = req.user!;
    res.json({ id: user.userId, displayName: user.displayName, role: user.role });
  });

  router.get('/users', requireUser, route(async (req, res) => {
    res.json(await listAccounts(ctx, req.user!));
  }));

  router.post('/users', requireUser, route(async (req, res) => {
    res.status(201).json(await createAccount(ctx, req.user!, parseBody(createAccountSchema, req.body)));
  }));

  const userId = (p: Record<string, unknown>) => parseBody(idParam, p.id);
  router.patch('/users/:id', requireUser, route(async (req, res) => {
    res.json(await setAccountDisabled(ctx, req.user!, userId(req.params), parseBody(accountPatchSchema, req.body).disabled));
  }));
  router.post('/users/:id/password-link', requireUser, route(async (req, res) => {
    res.status(201).json(await createPasswordLink(ctx, req.user!, userId(req.params)));
  }));
  router.put('/auth/password', requireUser, route(async (req, res) => {
    const input = parseBody(passwordChangeSchema, req.body);
    await changeOwnPassword(ctx, req.user!, input.currentPassword, input.newPassword);
    res.status(204).end();
  }));

  // The link's token is 256 random bits, so guessing one is not a budget worth limiting.
  const linkToken = (p: Record<string, unknown>) => parseBody(passwordLinkParams, p).token;
  router.get('/password-links/:token', route(async (req, res) => {
    res.json(await previewPasswordLink(ctx, linkToken(req.params)));
  }));
  router.post('/password-links/:token', route(async (req, res) => {
    await setPasswordByLink(ctx, linkToken(req.params), parseBody(setPasswordSchema, req.body).password);
    res.status(204).end();
  }));

  router.get('/audit', requireUser, route(async (req, res) => {
    const sessionId = typeof req.query.sessionId === 'string' ? req.query.sessionId : undefined;
    res.json(await listAudit(ctx, req.user!, sessionId));
  }));

  return router;
}
