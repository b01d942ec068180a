import type { JoinPreview } from '../../shared/schemas/api';
import { findLatestSessionByJoinCode } from '../../db/repositories/sessions.repository';
import type { JoinAttempt } from './access.service';
import { AppError } from '../errors';
import type { ServiceContext } from './context';

/**
 * What a join code leads to, for the join page before anyone types a name: title, venue, date
 * and whether it still takes joins — nothing else of the session. A lookup spends the same
 * wrong-code budget as a join (`JoinThrottle`), so it is no faster a way to guess codes; a code
 * that names a session (open or closed) is given back like a right code.
 */
export async function previewJoinCode(ctx: ServiceContext, joinCode: string, attempt: JoinAttempt): Promise<JoinPreview> {
  await attempt.throttle.begin(attempt.address, joinCode);
  const session = await findLatestSessionByJoinCode(ctx.db, joinCode);
  if (!session) {
    await attempt.throttle.wrong(attempt.address);
    throw new AppError('not_found', 'no session has this code');
  }
  await attempt.throttle.admitted(attempt.address, joinCode);
  return { title: session.title, venue: session.venue, heldOn: session.held_on || null, status: session.status };
}
