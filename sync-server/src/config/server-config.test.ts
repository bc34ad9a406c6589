import { describe, expect, it } from 'vitest';
import { defaultRateLimits } from '../http/rate-limits.ts';
import { parseServerConfig } from './server-config.ts';

describe('request budgets in the server configuration', () => {
  it('defaults to the production budgets, no trusted proxy', () => {
    const parsed = parseServerConfig({});
    expect(parsed.ok && parsed.value.rateLimits).toEqual(defaultRateLimits);
    expect(parsed.ok && parsed.value.trustProxy).toBeUndefined();
  });

  it('reads each budget as <max>/<seconds>, the stream caps and the trusted proxies from the environment', () => {
    const parsed = parseServerConfig({
      HSSK_RATE_SIGN_IN_PER_ADDRESS: '5/30',
      HSSK_RATE_SYNC_PER_SESSION: '12000/60',
      HSSK_STREAMS_PER_SESSION: '3',
      HSSK_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
    });
    if (!parsed.ok) throw new Error(parsed.errors[0].message);
    expect(parsed.value.rateLimits).toEqual({
      ...defaultRateLimits,
      signInPerAddress: { max: 5, windowMs: 30_000 },
      syncPerSession: { max: 12_000, windowMs: 60_000 },
      streamsPerSession: 3,
    });
    expect(parsed.value.trustProxy).toBe('10.0.0.0/8, 127.0.0.1');
    const anyProxy = parseServerConfig({ HSSK_TRUST_PROXY: 'true' });
    expect(anyProxy.ok && anyProxy.value.trustProxy).toBe(true);
  });

  it('refuses a malformed budget, naming the variable in Vietnamese', () => {
    for (const value of ['30', '30/0', '0/60', 'ba mươi/60']) {
      const parsed = parseServerConfig({ HSSK_RATE_ENROLMENT_PER_ADDRESS: value });
      expect(parsed.ok, value).toBe(false);
      if (parsed.ok) continue;
      expect(parsed.errors[0].code).toBe('config-invalid');
      expect(parsed.errors[0].message).toContain('HSSK_RATE_ENROLMENT_PER_ADDRESS');
    }
  });
});
