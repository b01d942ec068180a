import { randomUUID } from 'node:crypto';
import type { AccountView, CreateUserInput, SetupInput } from '../../shared/schemas/api';
import { revokeLoginTokens } from '../../db/repositories/access-tokens.repository';
import {
  countUsers,
  deleteAuthSession,
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

/** An account as the client sees it (never the password hash). */
export function presentAccount(row: UserRow): AccountView {
  return { id: row.id, email: row.email, displayName: row.display_name, role: row.role };
}

/** The actor behind an account row; with the login cookie's token when the request had one. */
export function toUserActor(row: UserRow, loginToken?: string): UserActor {
  const actor: UserActor = { kind: 'user', userId: row.id, role: row.role, displayName: row.display_name };
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
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok) {
    await recordFailedLogin(ctx, { email: normalized, userId: user?.id ?? null, address: attempt?.address ?? 'unknown' }, ctx.config.loginWindowMinutes);
    throw new AppError('unauthorized', 'wrong email or password');
  }
  if (attempt) await attempt.throttle.succeeded(normalized, attempt.address);
  const token = newToken();
  const now = ctx.now();
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

/** An admin adds a facilitator (or another admin). */
export async function createAccount(ctx: ServiceContext, actor: UserActor, input: CreateUserInput): Promise<AccountView> {
  if (!can(actor, 'users:manage')) throw new AppError('forbidden', 'only an admin manages accounts');
  assertPasswordPolicy(input.password);
  if (await findUserByEmail(ctx.db, input.email)) throw new AppError('conflict', 'an account with this email exists');
  const row: UserRow = {
    id: randomUUID(),
    email: input.email,
    password_hash: await hashPassword(input.password),
    display_name: input.displayName,
    role: input.role,
    created_at: ctx.now().toISOString(),
  };
  await insertUser(ctx.db, row);
  await recordAudit(ctx, actor, 'account.create', { target: row.id, detail: { email: row.email, role: row.role } });
  return presentAccount(row);
}

/** Every account, for the admin's list. */
export async function listAccounts(ctx: ServiceContext, actor: UserActor): Promise<AccountView[]> {
  if (!can(actor, 'users:manage')) throw new AppError('forbidden', 'only an admin manages accounts');
  return (await listUsers(ctx.db)).map(presentAccount);
}

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + 'A'.repeat(86);
