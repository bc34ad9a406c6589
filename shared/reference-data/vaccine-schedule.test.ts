import { describe, expect, it } from 'vitest';
import { scheduleEntryOn, tcmrSchedule } from './vaccine-schedule.ts';

const entry = (code: string) => tcmrSchedule.find((v) => v.code === code);

describe('TCMR schedule data', () => {
  it('holds the twelve vaccines of vaccines-tcmr.csv, each once, none confirmed', () => {
    expect(tcmrSchedule.map((v) => v.code)).toEqual([
      'HEPB0',
      'BCG',
      'DPT_VGB_HIB',
      'OPV',
      'IPV',
      'MEASLES',
      'MR',
      'DPT4',
      'JE',
      'TT',
      'CHOLERA',
      'TYPHOID',
    ]);
    expect(tcmrSchedule.every((v) => !v.confirmed && v.note.includes('UNCONFIRMED'))).toBe(true);
  });

  it('has one rule per dose, numbered from 1, wherever the dose count is known', () => {
    for (const v of tcmrSchedule) {
      expect(v.doseRules.length, v.code).toBe(v.doses ?? 0);
      expect(
        v.doseRules.map((r) => r.dose),
        v.code,
      ).toEqual(v.doseRules.map((_, i) => i + 1));
    }
  });

  it('expresses the CSV ages in days at 30 days a month', () => {
    expect(entry('DPT_VGB_HIB')?.doseRules.map((r) => r.recommendedAgeDays)).toEqual([60, 90, 120]);
    expect(entry('MEASLES')?.doseRules[0]?.recommendedAgeDays).toBe(270);
    expect(entry('MR')?.doseRules[0]?.recommendedAgeDays).toBe(540);
    expect(entry('JE')?.doseRules.map((r) => r.minIntervalDaysFromPrevious)).toEqual([undefined, 7, 365]);
    expect(entry('TT')?.doseRules.map((r) => r.minIntervalDaysFromPrevious)).toEqual([
      undefined,
      30,
      180,
      365,
      365,
    ]);
  });

  it('keeps the names NFC, as the rest of the system expects', () => {
    expect(tcmrSchedule.every((v) => v.name === v.name.normalize('NFC'))).toBe(true);
  });
});

describe('scheduleEntryOn', () => {
  const hepB = tcmrSchedule.find((entry) => entry.code === 'HEPB0');
  if (hepB === undefined) throw new Error('HEPB0 is in the schedule');
  const before = { ...hepB, doses: 1, validFrom: null, validTo: '2025-12-31' };
  const after = { ...hepB, doses: 2, validFrom: '2026-01-01', validTo: null };

  it('answers the entry valid on the dose date, so a schedule change never rewrites older doses', () => {
    expect(scheduleEntryOn('HEPB0', '2025-12-31', [before, after])?.doses).toBe(1);
    expect(scheduleEntryOn('HEPB0', '2026-01-01', [before, after])?.doses).toBe(2);
  });

  it('answers nothing for an unknown code or a date outside every entry', () => {
    expect(scheduleEntryOn('NOPE', '2026-01-01')).toBeUndefined();
    expect(scheduleEntryOn('HEPB0', '2026-01-01', [before])).toBeUndefined();
    expect(scheduleEntryOn('HEPB0', '2026-01-01')).toBe(hepB);
  });
});
