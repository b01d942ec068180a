import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Action, can, type SpaceRole, spaceRoleOf, type UserActor } from '../../server/auth/policy';

const ACTIONS: Action[] = ['users:manage', 'spaces:create', 'space:read', 'space:manage', 'sessions:create', 'sessions:list', 'sessions:read-all', 'session:manage', 'board:read', 'board:write-direct', 'card:write-own', 'card:moderate'];
const SESSION_ACTIONS: Action[] = ['session:manage', 'board:read', 'board:write-direct', 'card:write-own', 'card:moderate'];

const user = (role: UserActor['role'], spaces: Record<string, SpaceRole> = {}): UserActor => ({ kind: 'user', userId: 'me', role, displayName: 'me', spaces: new Map(Object.entries(spaces)) });

describe('the policy: its space axis', () => {
  it('gives nobody but an admin anything in a space they do not work in, whatever their installation role', () => {
    fc.assert(
      fc.property(fc.constantFrom('secretariat', 'facilitator') as fc.Arbitrary<'secretariat' | 'facilitator'>, fc.constantFrom(...ACTIONS), fc.boolean(), (role, action, own) => {
        const actor = user(role, { a: 'secretariat' });
        const target = { spaceId: 'b', sessionId: 's', createdBy: own ? 'me' : 'someone' };
        // Listing is checked per space by the lists themselves; everything else is refused.
        expect(can(actor, action, target)).toBe(action === 'sessions:list');
      }),
    );
  });

  it("lets a space's secretariat do all but accounts and spaces there, and a facilitator only their own sessions", () => {
    for (const action of ACTIONS) {
      const clerk = can(user('facilitator', { a: 'secretariat' }), action, { spaceId: 'a', sessionId: 's', createdBy: 'someone' });
      expect(clerk, action).toBe(action !== 'users:manage' && action !== 'spaces:create');
    }
    const facilitator = user('secretariat', { a: 'facilitator' });
    for (const action of SESSION_ACTIONS) {
      expect(can(facilitator, action, { spaceId: 'a', sessionId: 's', createdBy: 'me' }), action).toBe(true);
      expect(can(facilitator, action, { spaceId: 'a', sessionId: 's', createdBy: 'someone' }), action).toBe(false);
    }
    expect(can(facilitator, 'space:read', { spaceId: 'a' })).toBe(true);
    expect(can(facilitator, 'space:manage', { spaceId: 'a' })).toBe(false);
    expect(can(facilitator, 'sessions:read-all', { spaceId: 'a' })).toBe(false);
  });

  it('lets an admin do everything everywhere, as the secretariat of every space', () => {
    for (const action of ACTIONS) expect(can(user('admin'), action, { spaceId: 'anywhere', sessionId: 's', createdBy: 'x' }), action).toBe(true);
    expect(spaceRoleOf(user('admin'), 'anywhere')).toBe('secretariat');
    expect(spaceRoleOf(user('facilitator', { a: 'facilitator' }), 'b')).toBeUndefined();
  });

  it('refuses session actions without a target, and never takes a prototype key for a membership', () => {
    const clerk = user('secretariat', { a: 'secretariat' });
    for (const action of [...SESSION_ACTIONS, 'space:read', 'space:manage', 'sessions:create', 'sessions:read-all'] as Action[]) expect(can(clerk, action), action).toBe(false);
    for (const key of ['__proto__', 'constructor', 'toString']) expect(can(clerk, 'space:read', { spaceId: key })).toBe(false);
  });

  it('keeps tokens inside their own session whatever the space', () => {
    const token = { kind: 'token' as const, sessionId: 's', role: 'facilitator' as const, participantId: null, userId: 'me', displayName: '', organizationType: null };
    expect(can(token, 'board:write-direct', { spaceId: 'a', sessionId: 's', createdBy: 'x' })).toBe(true);
    expect(can(token, 'board:read', { spaceId: 'a', sessionId: 'other', createdBy: 'x' })).toBe(false);
    expect(can(token, 'space:read', { spaceId: 'a' })).toBe(false);
  });
});
