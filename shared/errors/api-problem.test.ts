import { describe, expect, it } from 'vitest';
import { apiProblemOf } from './api-problem.ts';

describe('reading the server error body', () => {
  it('reads code and message, and nothing from anything else', () => {
    expect(apiProblemOf({ error: { code: 'device-revoked', message: 'Thiết bị đã bị thu hồi.' } })).toEqual({
      code: 'device-revoked',
      message: 'Thiết bị đã bị thu hồi.',
    });
    for (const body of [
      undefined,
      null,
      'x',
      42,
      {},
      { error: null },
      { error: { code: 1, message: 'm' } },
    ]) {
      expect(apiProblemOf(body)).toBeUndefined();
    }
  });
});
