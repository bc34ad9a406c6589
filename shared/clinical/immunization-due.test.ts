import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../errors/result.ts';
import { tcmrSchedule } from '../reference-data/vaccine-schedule.ts';
import { addDays } from './calendar-days.ts';
import { immunizationsDue, type GivenDose } from './immunization-due.ts';

const due = (dateOfBirth: string, givenDoses: GivenDose[], onDate: string, windowDays?: number) =>
  unwrap(
    immunizationsDue({
      dateOfBirth,
      givenDoses,
      onDate,
      schedule: tcmrSchedule,
      ...(windowDays === undefined ? {} : { windowDays }),
    }),
  );
const given = (vaccineCode: string, dose: number, date: string): GivenDose => ({ vaccineCode, dose, date });

describe('immunizationsDue', () => {
  it('lists the 2-month doses as due for a baby with only the birth doses, and the rest as upcoming', () => {
    const an = due(
      '2025-01-10',
      [given('HEPB0', 1, '2025-01-10'), given('BCG', 1, '2025-01-20')],
      '2025-03-12',
    );
    expect(an).toEqual([
      { vaccineCode: 'DPT_VGB_HIB', dose: 1, dueDate: '2025-03-11', status: 'due' },
      { vaccineCode: 'OPV', dose: 1, dueDate: '2025-03-11', status: 'due' },
      { vaccineCode: 'IPV', dose: 1, dueDate: '2025-06-09', status: 'upcoming' },
      { vaccineCode: 'MEASLES', dose: 1, dueDate: '2025-10-07', status: 'upcoming' },
      { vaccineCode: 'JE', dose: 1, dueDate: '2026-01-05', status: 'upcoming' },
      { vaccineCode: 'MR', dose: 1, dueDate: '2026-07-04', status: 'upcoming' },
      { vaccineCode: 'DPT4', dose: 1, dueDate: '2026-07-04', status: 'upcoming' },
    ]);
  });

  it('marks missed birth doses overdue and waits the minimum interval after a late first dose', () => {
    const binh = due(
      '2024-01-01',
      [given('DPT_VGB_HIB', 1, '2024-05-01'), given('OPV', 1, '2024-05-01')],
      '2024-05-20',
    );
    expect(binh.slice(0, 5)).toEqual([
      { vaccineCode: 'HEPB0', dose: 1, dueDate: '2024-01-01', status: 'overdue' },
      { vaccineCode: 'BCG', dose: 1, dueDate: '2024-01-31', status: 'overdue' },
      { vaccineCode: 'IPV', dose: 1, dueDate: '2024-05-30', status: 'upcoming' },
      { vaccineCode: 'DPT_VGB_HIB', dose: 2, dueDate: '2024-05-31', status: 'upcoming' },
      { vaccineCode: 'OPV', dose: 2, dueDate: '2024-05-31', status: 'upcoming' },
    ]);
  });

  it('uses the recommended age when it is later than the minimum interval', () => {
    const early = due('2025-01-10', [given('DPT_VGB_HIB', 1, '2025-03-11')], '2025-03-12');
    expect(early.find((d) => d.vaccineCode === 'DPT_VGB_HIB')).toEqual({
      vaccineCode: 'DPT_VGB_HIB',
      dose: 2,
      dueDate: '2025-04-10',
      status: 'upcoming',
    });
  });

  it('times Japanese encephalitis doses from the previous dose', () => {
    const afterB1 = due('2025-01-10', [given('JE', 1, '2026-01-05')], '2026-01-15');
    expect(afterB1.find((d) => d.vaccineCode === 'JE')).toEqual({
      vaccineCode: 'JE',
      dose: 2,
      dueDate: '2026-01-12',
      status: 'due',
    });
    const afterB2 = due(
      '2025-01-10',
      [given('JE', 1, '2026-01-05'), given('JE', 2, '2026-01-20')],
      '2026-02-01',
    );
    expect(afterB2.find((d) => d.vaccineCode === 'JE')).toMatchObject({ dose: 3, dueDate: '2027-01-20' });
  });

  it('lists nothing for a child whose series are complete, leaving out the IPV dose with no stated age', () => {
    const doses = tcmrSchedule
      .filter((v) => v.population === 'child')
      .flatMap((v) =>
        v.doseRules
          .filter((r) => !(v.code === 'IPV' && r.dose === 2))
          .map((r) => given(v.code, r.dose, '2027-01-01')),
      );
    expect(due('2025-01-10', doses, '2027-02-01')).toEqual([]);
  });

  it('ignores doses recorded after the day asked about, and vaccines outside the child schedule', () => {
    const list = due(
      '2025-01-10',
      [given('HEPB0', 1, '2025-02-01'), given('TT', 1, '2025-01-11')],
      '2025-01-20',
    );
    expect(list[0]).toEqual({ vaccineCode: 'HEPB0', dose: 1, dueDate: '2025-01-10', status: 'overdue' });
    expect(list.map((d) => d.vaccineCode)).not.toContain('TT');
    expect(list.map((d) => d.vaccineCode)).not.toContain('CHOLERA');
  });

  it('calls a dose due within the window on either side of its due date', () => {
    const status = (onDate: string, windowDays?: number) =>
      due('2025-01-10', [given('HEPB0', 1, '2025-01-10')], onDate, windowDays).find(
        (d) => d.vaccineCode === 'BCG',
      )?.status;
    expect(status('2025-02-01')).toBe('upcoming'); // due 2025-02-09
    expect(status('2025-02-02')).toBe('due');
    expect(status('2025-02-16')).toBe('due');
    expect(status('2025-02-17')).toBe('overdue');
    expect(status('2025-02-09', 0)).toBe('due');
    expect(status('2025-02-10', 0)).toBe('overdue');
  });

  it('refuses a partial date of birth, bad dates and a day before the birth, with paths', () => {
    const errors = (input: Partial<Parameters<typeof immunizationsDue>[0]>) => {
      const result = immunizationsDue({
        dateOfBirth: '2025-01-10',
        givenDoses: [],
        onDate: '2025-03-01',
        schedule: tcmrSchedule,
        ...input,
      });
      return result.ok ? [] : result.errors.map((e) => [e.code, e.path]);
    };
    expect(errors({ dateOfBirth: '2025-01' })).toEqual([['immunization-date-of-birth', 'dateOfBirth']]);
    expect(errors({ onDate: '2025-02-30' })).toEqual([['immunization-on-date', 'onDate']]);
    expect(errors({ onDate: '2025-01-09' })).toEqual([['immunization-on-date-before-birth', 'onDate']]);
    expect(errors({ givenDoses: [given('BCG', 1, '10/01/2025')] })).toEqual([
      ['immunization-dose-date', 'givenDoses.0.date'],
    ]);
  });

  it('reports at most one dose per vaccine, never before birth, with the status its window implies', () => {
    const days = fc.integer({ min: 0, max: 3000 });
    fc.assert(
      fc.property(
        days,
        days,
        fc.array(
          fc.record({
            code: fc.constantFrom('BCG', 'DPT_VGB_HIB', 'OPV', 'JE'),
            dose: fc.integer({ min: 1, max: 3 }),
            at: days,
          }),
        ),
        (birthOffset, age, doses) => {
          const dateOfBirth = addDays('2015-01-01', birthOffset);
          const onDate = addDays(dateOfBirth, age);
          const givenDoses = doses.map((d) => given(d.code, d.dose, addDays(dateOfBirth, d.at)));
          const list = due(dateOfBirth, givenDoses, onDate);
          expect(new Set(list.map((d) => d.vaccineCode)).size).toBe(list.length);
          for (const item of list) {
            expect(item.dueDate >= dateOfBirth).toBe(true);
            const upcoming = item.dueDate > addDays(onDate, 7);
            const overdue = item.dueDate < addDays(onDate, -7);
            expect(item.status).toBe(upcoming ? 'upcoming' : overdue ? 'overdue' : 'due');
          }
        },
      ),
    );
  });
});
