import { describe, expect, it } from 'vitest';
import { configFromEnv, parseConfig, parseTrustProxy } from '../../server/config';

describe('TRUST_PROXY', () => {
  it('trusts no proxy unless told, and reads hops, lists and names as express does', () => {
    expect(parseConfig(configFromEnv({})).trustProxy).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('off')).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy(' loopback, 10.0.0.0/8 ')).toBe('loopback, 10.0.0.0/8');
    expect(parseConfig(configFromEnv({ TRUST_PROXY: '2' })).trustProxy).toBe(2);
  });
});
