import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as foundation from './migrations/2026-11-26-001-foundation';
import * as auditLog from './migrations/2026-11-26-002-audit-log';
import * as workshop from './migrations/2026-11-26-003-workshop';
import * as consensus from './migrations/2026-11-26-004-consensus';
import * as secretariat from './migrations/2026-11-26-005-secretariat';
import * as accountsAndJoins from './migrations/2026-12-01-020-accounts-and-joins';
import * as reportRecord from './migrations/2026-12-01-040-report-record';
import * as organizationTypes from './migrations/2026-12-01-021-organization-types';
import * as clerkTools from './migrations/2026-12-01-041-clerk-tools';
import * as cardReactions from './migrations/2026-12-01-060-card-reactions';
import * as spaces from './migrations/2026-12-01-080-spaces';
import * as platformDirectory from './migrations/2026-12-01-081-platform-directory';

// Listed by hand rather than read from the folder so that bundlers and tsx agree on them;
// names are date-prefixed so their order is their name order. Exported for the upgrade tests.
export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-26-001-foundation': foundation,
  '2026-11-26-002-audit-log': auditLog,
  '2026-11-26-003-workshop': workshop,
  '2026-11-26-004-consensus': consensus,
  '2026-11-26-005-secretariat': secretariat,
  '2026-12-01-020-accounts-and-joins': accountsAndJoins,
  '2026-12-01-040-report-record': reportRecord,
  '2026-12-01-021-organization-types': organizationTypes,
  '2026-12-01-041-clerk-tools': clerkTools,
  '2026-12-01-060-card-reactions': cardReactions,
  '2026-12-01-080-spaces': spaces,
  '2026-12-01-081-platform-directory': platformDirectory,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Bring the database to the latest schema. Throws if a migration fails. */
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
