import { describe, expect, it } from 'vitest';
import { auditQueryOf } from './audit-query.ts';

describe('the audit search query', () => {
  it('leaves blank fields out and trims the rest', () => {
    expect(
      auditQueryOf(
        { targetId: '  p-1 ', actor: '', action: '', fromDate: undefined, toDate: undefined },
        { limit: 100 },
      ),
    ).toEqual({
      targetId: 'p-1',
      actor: undefined,
      action: undefined,
      from: undefined,
      to: undefined,
      before: undefined,
      limit: 100,
    });
  });

  it('covers whole local days from the first date to the last', () => {
    const query = auditQueryOf(
      { targetId: '', actor: 'acc-1', action: 'person-read', fromDate: '2026-03-01', toDate: '2026-03-02' },
      { before: 500, limit: 100 },
    );
    expect(query.from).toBe(new Date(2026, 2, 1, 0, 0, 0, 0).toISOString());
    expect(query.to).toBe(new Date(2026, 2, 2, 23, 59, 59, 999).toISOString());
    expect(query).toMatchObject({ actor: 'acc-1', action: 'person-read', before: 500 });
  });
});
