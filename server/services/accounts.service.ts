import { randomUUID } from 'node:crypto';
import type { AccountView, CreateUserInput, SetupInput } from '../../shared/schemas/api';
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
import { hashPassword, verifyPassword } from '../auth/passwords';
import { can, type UserActor } from '../auth/policy';
import { hashToken, newToken } from '../auth/tokens';
import { AppError } from '../errors';
import type { ServiceContext } from './context';
import { recordAudit } from './audit.service';

/** An account as the client sees it (never the password hash). */
export function presentAccount(row: UserRow): AccountView {
  return { id: row.id, email: row.email, displayName: row.display_name, role: row.role };
}

/** The actor behind an account row. */
export function toUserActor(row: UserRow): UserActor {
  return { kind: 'user', userId: row.id, role: row.role, displayName: row.display_name };
}

/**
 * Make sure the admin named by YORIAI_ADMIN_EMAIL exists with YORIAI_ADMIN_PASSWORD, so an
 * operator can always get back in by restarting with these set.
 */
export async function ensureAdmin(ctx: ServiceContext, email: string, password: string): Promise<void> {
  const normalized = email.trim().toLowerCase();
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

/** Check credentials and open a login; returns the cookie token (stored only as a hash). */
export async function login(ctx: ServiceContext, email: string, password: string): Promise<{ token: string; account: AccountView; expiresAt: Date }> {
  const user = await findUserByEmail(ctx.db, email.trim().toLowerCase());
  // Verify against a dummy hash when the user is unknown, so timing does not reveal accounts.
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok) {
    await recordAudit(ctx, null, 'account.login_failed', { detail: { email: email.trim().toLowerCase() } });
    throw new AppError('unauthorized', 'wrong email or password');
  }
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

/** End a login. */
export async function logout(ctx: ServiceContext, token: string): Promise<void> {
  await deleteAuthSession(ctx.db, hashToken(token));
}

/** The account behind a login cookie, if it is still valid. */
export async function findAccountByCookie(ctx: ServiceContext, token: string): Promise<UserRow | undefined> {
  return findUserByAuthSession(ctx.db, hashToken(token), ctx.now().toISOString());
}

/** An admin adds a facilitator (or another admin). */
export async function createAccount(ctx: ServiceContext, actor: UserActor, input: CreateUserInput): Promise<AccountView> {
  if (!can(actor, 'users:manage')) throw new AppError('forbidden', 'only an admin manages accounts');
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
