import { randomUUID } from 'node:crypto';
import type { AccountView, SetupInput } from '../../shared/schemas/api';
import type { AccountListEntry, CreateAccountInput, PasswordLinkView } from '../../shared/schemas/clerk';
import { revokeLoginTokens } from '../../db/repositories/access-tokens.repository';
import {
  countUsers,
  deleteAuthSession,
  deleteAuthSessionsOfUser,
  findPasswordLink,
  findUserById,
  insertPasswordLink,
  revokeTokensOfUser,
  setUserDisabled,
  setUserLastLogin,
  usePasswordLink,
  findUserByAuthSession,
  findUserByEmail,
  insertAuthSession,
  insertUser,
  listUsers,
  updateUserPassword,
  type UserRow,
} from '../../db/repositories/users.repository';
import { serializeOn } from '../../db/dialect';
import { hashPassword, MIN_PASSWORD_LENGTH, passwordProblem, verifyPassword } from '../auth/passwords';
import { can, type UserActor } from '../auth/policy';
import { hashToken, newToken } from '../auth/tokens';
import type { LoginThrottle } from '../auth/throttle';
import { AppError } from '../errors';
import type { ServiceContext } from './context';
import { recordAudit, recordFailedLogin } from './audit.service';
import { appointInSpace, spaceForNewAccount } from './spaces.service';

/** An account as the client sees it (never the password hash). */
export function presentAccount(row: UserRow): AccountView {
  return { id: row.id, email: row.email, displayName: row.display_name, role: row.role };
}

/** The actor behind an account row; with the login cookie's token when the request had one, and its spaces. */
export function toUserActor(row: UserRow, loginToken?: string, spaces: UserActor['spaces'] = new Map()): UserActor {
  const actor: UserActor = { kind: 'user', userId: row.id, role: row.role, displayName: row.display_name, spaces };
  return loginToken ? { ...actor, loginHash: hashToken(loginToken) } : actor;
}

/** Refuse a new password that the policy does not accept (`weak_password`, 400). */
function assertPasswordPolicy(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new AppError('weak_password', problem);
}

/**
 * Make sure the admin named by YORIAI_ADMIN_EMAIL exists with YORIAI_ADMIN_PASSWORD, so an
 * operator can always get back in by restarting with these set.
 */
export async function ensureAdmin(ctx: ServiceContext, email: string, password: string): Promise<void> {
  const normalized = email.trim().toLowerCase();
  // Warned, not refused: a start must not fail on the password an operator already uses.
  if (passwordProblem(password)) ctx.log.warn({ email: normalized }, `YORIAI_ADMIN_PASSWORD is weak: use at least ${MIN_PASSWORD_LENGTH} characters`);
  const existing = await findUserByEmail(ctx.db, normalized);
  if (!existing) {
    await insertUser(ctx.db, {
      id: randomUUID(),
      email: normalized,
      password_hash: await hashPassword(password),
      display_name: normalized.split('@')[0],
      role: 'admin',
      created_at: ctx.now().toISOString(),
    });
    ctx.log.info({ email: normalized }, 'admin account created from environment');
  } else if (!(await verifyPassword(password, existing.password_hash))) {
    await updateUserPassword(ctx.db, existing.id, await hashPassword(password));
    ctx.log.info({ email: normalized }, 'admin password reset from environment');
  }
}

/** Whether the first-visit set-up page should be offered: no account exists yet. */
export async function isSetupNeeded(ctx: ServiceContext): Promise<boolean> {
  return (await countUsers(ctx.db)) === 0;
}

/** Create the first admin. Refused with `setup_done` once any account exists. */
export async function setupFirstAdmin(ctx: ServiceContext, input: SetupInput): Promise<AccountView> {
  assertPasswordPolicy(input.password);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx): Promise<UserRow> => {
    await serializeOn(trx, 'setup');
    if ((await countUsers(trx)) > 0) throw new AppError('setup_done', 'set-up has already been done');
    const row: UserRow = {
      id: randomUUID(),
      email: input.email,
      password_hash: passwordHash,
      display_name: input.displayName,
      role: 'admin',
      created_at: ctx.now().toISOString(),
      disabled_at: null,
      last_login_at: null,
    };
    await insertUser(trx, row);
    return row;
  }).then(async (row) => {
    await recordAudit(ctx, toUserActor(row), 'account.setup', { target: row.id });
    return presentAccount(row);
  });
}

/** Where a sign-in comes from, and the budgets it is counted against (the set-up page has none). */
export interface LoginAttempt {
  address: string;
  throttle: LoginThrottle;
}

/**
 * Check credentials and open a login; returns the cookie token (stored only as a hash). With an
 * attempt, the try is counted per account and per address first (429 once either is spent), a
 * failure is added to the window's audit entry, and a success resets the account's count.
 */
export async function login(ctx: ServiceContext, email: string, password: string, attempt?: LoginAttempt): Promise<{ token: string; account: AccountView; expiresAt: Date }> {
  const normalized = email.trim().toLowerCase();
  if (attempt) await attempt.throttle.begin(normalized, attempt.address);
  const user = await findUserByEmail(ctx.db, normalized);
  // Verify against a dummy hash when the user is unknown, so timing does not reveal accounts.
  const hash = user && user.password_hash !== NO_PASSWORD ? user.password_hash : DUMMY_HASH;
  const ok = (await verifyPassword(password, hash)) && hash !== DUMMY_HASH;
  if (!user || !ok) {
    await recordFailedLogin(ctx, { email: normalized, userId: user?.id ?? null, address: attempt?.address ?? 'unknown' }, ctx.config.loginWindowMinutes);
    throw new AppError('unauthorized', 'wrong email or password');
  }
  // Said only after the right password, so it tells nothing to someone guessing.
  if (user.disabled_at) throw new AppError('account_disabled', 'this account is disabled; ask the admin');
  if (attempt) await attempt.throttle.succeeded(normalized, attempt.address);
  const token = newToken();
  const now = ctx.now();
  await setUserLastLogin(ctx.db, user.id, now.toISOString());
  const expiresAt = new Date(now.getTime() + ctx.config.loginHours * 3600_000);
  await insertAuthSession(ctx.db, {
    token_hash: hashToken(token),
    user_id: user.id,
    created_at: now.toISOString(),
    expires_at: expiresAt.toISOString(),
  });
  await recordAudit(ctx, toUserActor(user), 'account.login', { target: user.id });
  return { token, account: presentAccount(user), expiresAt };
}

/**
 * End a login, and with it the facilitator tokens issued under it: they are revoked and their
 * live sockets cut, so a board left open on a shared computer stops working at logout.
 */
export async function logout(ctx: ServiceContext, token: string): Promise<void> {
  const loginHash = hashToken(token);
  const user = await findUserByAuthSession(ctx.db, loginHash, ctx.now().toISOString());
  await deleteAuthSession(ctx.db, loginHash);
  if (!user) return;
  const revoked = await revokeLoginTokens(ctx.db, loginHash, user.id, ctx.now().toISOString());
  if (revoked.length > 0) ctx.events.emit('access:revoked', { tokenHashes: revoked.map((r) => r.token_hash), sessionIds: [...new Set(revoked.map((r) => r.session_id))] });
  await recordAudit(ctx, toUserActor(user), 'account.logout', { target: user.id, detail: { revokedTokens: revoked.length } });
}

/** The account behind a login cookie, if it is still valid. */
export async function findAccountByCookie(ctx: ServiceContext, token: string): Promise<UserRow | undefined> {
  return findUserByAuthSession(ctx.db, hashToken(token), ctx.now().toISOString());
}

/**
 * An admin adds a facilitator, a secretariat clerk or another admin. Without a password (the
 * usual way) the account gets a one-time set-password link, shown once to the admin to pass on,
 * so nobody has to invent a password for someone else.
 */
export async function createAccount(ctx: ServiceContext, actor: UserActor, input: CreateAccountInput): Promise<AccountView & { setPasswordLink?: PasswordLinkView }> {
  if (!can(actor, 'users:manage')) throw new AppError('forbidden', 'only an admin manages accounts');
  if (input.password !== undefined) assertPasswordPolicy(input.password);
  if (await findUserByEmail(ctx.db, input.email)) throw new AppError('conflict', 'an account with this email exists');
  const space = input.role === 'admin' ? undefined : await spaceForNewAccount(ctx, actor, input.spaceId);
  const row = {
    id: randomUUID(),
    email: input.email,
    password_hash: input.password === undefined ? NO_PASSWORD : await hashPassword(input.password),
    display_name: input.displayName,
    role: input.role,
    created_at: ctx.now().toISOString(),
  };
  await insertUser(ctx.db, row);
  if (space && row.role !== 'admin') await appointInSpace(ctx, space.id, row.id, row.role);
  await recordAudit(ctx, actor, 'account.create', { target: row.id, detail: { email: row.email, role: row.role } });
  const account = presentAccount({ ...row, disabled_at: null, last_login_at: null });
  return input.password === undefined ? { ...account, setPasswordLink: await createPasswordLink(ctx, actor, row.id) } : account;
}

/** Every account, for the admin's list: role, last sign-in, disabled, waiting for a password. */
export async function listAccounts(ctx: ServiceContext, actor: UserActor): Promise<AccountListEntry[]> {
  if (!can(actor, 'users:manage')) throw new AppError('forbidden', 'only an admin manages accounts');
  return (await listUsers(ctx.db)).map((row) => ({
    ...presentAccount(row),
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
    disabled: row.disabled_at !== null,
    passwordPending: row.password_hash === NO_PASSWORD,
  }));
}

/**
 * Disable or enable an account. A disabled account cannot sign in, its logins end and its
 * session tokens are revoked (their sockets cut at once). An admin cannot disable themselves.
 */
export async function setAccountDisabled(ctx: ServiceContext, actor: UserActor, userId: string, disabled: boolean): Promise<AccountListEntry> {
  if (!can(actor, 'users:manage')) throw new AppError('forbidden', 'only an admin manages accounts');
  const user = await findUserById(ctx.db, userId);
  if (!user) throw new AppError('not_found', 'no such account');
  if (user.id === actor.userId && disabled) throw new AppError('conflict', 'you cannot disable your own account');
  const now = ctx.now().toISOString();
  if (disabled) {
    const revoked = await ctx.db.transaction().execute(async (trx) => {
      await setUserDisabled(trx, user.id, user.disabled_at ?? now);
      await deleteAuthSessionsOfUser(trx, user.id);
      return revokeTokensOfUser(trx, user.id, now);
    });
    if (revoked.length > 0) ctx.events.emit('access:revoked', { tokenHashes: revoked.map((r) => r.token_hash), sessionIds: [...new Set(revoked.map((r) => r.session_id))] });
    await recordAudit(ctx, actor, 'account.disable', { target: user.id, detail: { revokedTokens: revoked.length } });
  } else {
    await setUserDisabled(ctx.db, user.id, null);
    await recordAudit(ctx, actor, 'account.enable', { target: user.id });
  }
  return (await listAccounts(ctx, actor)).find((a) => a.id === user.id)!;
}

/**
 * The signed-in user changes their password: the current one is required, the policy applies,
 * and their other logins end (this one stays).
 */
export async function changeOwnPassword(ctx: ServiceContext, actor: UserActor, currentPassword: string, newPassword: string): Promise<void> {
  const user = await findUserById(ctx.db, actor.userId);
  if (!user || user.password_hash === NO_PASSWORD || !(await verifyPassword(currentPassword, user.password_hash))) {
    throw new AppError('unauthorized', 'the current password is not right');
  }
  assertPasswordPolicy(newPassword);
  await updateUserPassword(ctx.db, user.id, await hashPassword(newPassword));
  await deleteAuthSessionsOfUser(ctx.db, user.id, actor.loginHash);
  await recordAudit(ctx, actor, 'account.password_change', { target: user.id });
}

/** How long a set-password link works. */
export const PASSWORD_LINK_HOURS = 72;

/**
 * A one-time set-password link for an account (a new account, or a forgotten password): valid
 * 72 hours, stored as a hash, shown once. Earlier unused links of the account stop working.
 */
export async function createPasswordLink(ctx: ServiceContext, actor: UserActor, userId: string): Promise<PasswordLinkView> {
  if (!can(actor, 'users:manage')) throw new AppError('forbidden', 'only an admin manages accounts');
  const user = await findUserById(ctx.db, userId);
  if (!user) throw new AppError('not_found', 'no such account');
  const token = newToken();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_HOURS * 3600_000).toISOString();
  await insertPasswordLink(ctx.db, { token_hash: hashToken(token), user_id: user.id, created_by: actor.userId, created_at: now.toISOString(), expires_at: expiresAt, used_at: null });
  await recordAudit(ctx, actor, 'account.password_link', { target: user.id, detail: { expiresAt } });
  return { url: `${ctx.publicUrl}/set-password/${token}`, expiresAt };
}

/** A link that can still be used, and its account; `link_expired` (410) once used or past 72 h. */
async function usableLink(ctx: ServiceContext, token: string) {
  const link = await findPasswordLink(ctx.db, hashToken(token));
  if (!link) throw new AppError('not_found', 'no such link');
  if (link.used_at !== null || link.expires_at <= ctx.now().toISOString()) throw new AppError('link_expired', 'this link has been used or has expired; ask the admin for a new one');
  const user = await findUserById(ctx.db, link.user_id);
  if (!user) throw new AppError('not_found', 'no such link');
  if (user.disabled_at) throw new AppError('account_disabled', 'this account is disabled; ask the admin');
  return { link, user };
}

/** What the set-password page shows before the person types: whose account, until when. */
export async function previewPasswordLink(ctx: ServiceContext, token: string): Promise<{ email: string; displayName: string; expiresAt: string }> {
  const { link, user } = await usableLink(ctx, token);
  return { email: user.email, displayName: user.display_name, expiresAt: link.expires_at };
}

/** Set the password through a link, once; the account's other logins end. */
export async function setPasswordByLink(ctx: ServiceContext, token: string, password: string): Promise<void> {
  const { user } = await usableLink(ctx, token);
  assertPasswordPolicy(password);
  const passwordHash = await hashPassword(password);
  const used = await ctx.db.transaction().execute(async (trx) => {
    if (!(await usePasswordLink(trx, hashToken(token), ctx.now().toISOString()))) return false;
    await updateUserPassword(trx, user.id, passwordHash);
    await deleteAuthSessionsOfUser(trx, user.id);
    return true;
  });
  if (!used) throw new AppError('link_expired', 'this link has been used; ask the admin for a new one');
  await recordAudit(ctx, toUserActor(user), 'account.password_set', { target: user.id });
}

/** The stored hash of an account whose person has not set a password yet: matches nothing. */
const NO_PASSWORD = '!unset';

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + 'A'.repeat(86);
