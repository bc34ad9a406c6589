import { describe, expect, it } from 'vitest';
import { auditQueryOf } from './audit-query.ts';

describe('the audit search query', () => {
  it('leaves blank fields out and trims the rest', () => {
    expect(
      auditQueryOf(
        {
          targetId: '  p-1 ',
          actor: '',
          userName: ' 01T03_lanvt ',
          healthId: '0100 0000 00042',
          action: '',
          actionGroup: 'read',
          fromDate: undefined,
          toDate: undefined,
        },
        { limit: 100 },
      ),
    ).toEqual({
      targetId: 'p-1',
      actor: undefined,
      userName: '01T03_lanvt',
      healthId: '0100000000042',
      action: undefined,
      actionGroup: 'read',
      from: undefined,
      to: undefined,
      before: undefined,
      limit: 100,
    });
  });

  it('covers whole local days from the first date to the last', () => {
    const query = auditQueryOf(
      {
        targetId: '',
        actor: 'acc-1',
        userName: '',
        healthId: '',
        action: 'person-read',
        actionGroup: undefined,
        fromDate: '2026-03-01',
        toDate: '2026-03-02',
      },
      { before: 500, limit: 100 },
    );
    expect(query.from).toBe(new Date(2026, 2, 1, 0, 0, 0, 0).toISOString());
    expect(query.to).toBe(new Date(2026, 2, 2, 23, 59, 59, 999).toISOString());
    expect(query).toMatchObject({ actor: 'acc-1', action: 'person-read', before: 500 });
  });
});
