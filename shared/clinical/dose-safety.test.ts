import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePartialDate } from '../dates/partial-date.ts';
import { unwrap } from '../errors/result.ts';
import { vaccineCatalogue } from '../reference-data/vaccine-catalogue.ts';
import { addDays } from './calendar-days.ts';
import { doseSafety, lotRequired, notVaccinatedSafety, type DoseFinding } from './dose-safety.ts';

const born = (text: string) => unwrap(parsePartialDate(text));
const BIRTH = '2026-06-01';
const TODAY = '2026-12-07';
const codes = (findings: readonly DoseFinding[]) => findings.map((f) => `${f.severity}:${f.code}`);

describe('dose safety from the schedule', () => {
  it('asks for a reason for DPT-VGB-Hib dose 1 at ten days old, and for nothing at two months', () => {
    const early = doseSafety(
      { vaccineCode: 'DPT_VGB_HIB', dose: 1, date: addDays(BIRTH, 10), lot: 'A1' },
      born(BIRTH),
      [],
      TODAY,
    );
    expect(codes(early)).toEqual(['confirm:dose-before-minimum-age']);
    expect(early[0]?.message).toContain('10 ngày tuổi');
    expect(early[0]?.message).toContain('42 ngày');
    expect(
      doseSafety(
        { vaccineCode: 'DPT_VGB_HIB', dose: 1, date: addDays(BIRTH, 60), lot: 'A1' },
        born(BIRTH),
        [],
        TODAY,
      ),
    ).toEqual([]);
  });

  it('asks for a reason for a dose sooner than the minimum interval, or past the series', () => {
    const previous = [{ vaccineCode: 'DPT_VGB_HIB', dose: 1, date: addDays(BIRTH, 60) }];
    expect(
      codes(
        doseSafety(
          { vaccineCode: 'DPT_VGB_HIB', dose: 2, date: addDays(BIRTH, 75), lot: 'A1' },
          born(BIRTH),
          previous,
          TODAY,
        ),
      ),
    ).toEqual(['confirm:dose-interval-too-short']);
    expect(
      codes(
        doseSafety(
          { vaccineCode: 'DPT_VGB_HIB', dose: 4, date: addDays(BIRTH, 180), lot: 'A1' },
          born(BIRTH),
          previous,
          TODAY,
        ),
      ),
    ).toEqual(['confirm:dose-beyond-series']);
  });

  it('asks for a reason for the hepatitis B birth dose after the first day', () => {
    expect(
      codes(
        doseSafety(
          { vaccineCode: 'HEPB0', dose: 1, date: addDays(BIRTH, 1), lot: 'B' },
          born(BIRTH),
          [],
          TODAY,
        ),
      ),
    ).toEqual([]);
    expect(
      codes(
        doseSafety(
          { vaccineCode: 'HEPB0', dose: 1, date: addDays(BIRTH, 5), lot: 'B' },
          born(BIRTH),
          [],
          TODAY,
        ),
      ),
    ).toEqual(['confirm:dose-after-maximum-age']);
  });

  it('refuses what cannot have happened: before birth, after today, the same vaccine twice a day, no lot', () => {
    expect(
      codes(
        doseSafety({ vaccineCode: 'BCG', dose: 1, date: '2026-05-01', lot: 'C' }, born(BIRTH), [], TODAY),
      ),
    ).toEqual(['refuse:dose-before-birth']);
    expect(
      codes(
        doseSafety({ vaccineCode: 'BCG', dose: 1, date: '2026-12-08', lot: 'C' }, born(BIRTH), [], TODAY),
      ),
    ).toEqual(['refuse:dose-in-future']);
    const same = [{ vaccineCode: 'OPV', dose: 1, date: '2026-08-01' }];
    expect(
      codes(
        doseSafety({ vaccineCode: 'OPV', dose: 2, date: '2026-08-01', lot: 'D' }, born(BIRTH), same, TODAY),
      ),
    ).toContain('refuse:dose-same-vaccine-same-day');
    expect(
      codes(doseSafety({ vaccineCode: 'BCG', dose: 1, date: '2026-06-02' }, born(BIRTH), [], TODAY)),
    ).toEqual(['refuse:dose-lot-required']);
    // A vaccine outside the programme needs no lot; one the catalogue lacks has no schedule to check.
    expect(
      doseSafety({ vaccineCode: 'INFLUENZA', dose: 1, date: '2026-12-02' }, born(BIRTH), [], TODAY),
    ).toEqual([]);
    expect(
      doseSafety({ vaccineCode: 'ZOSTER', dose: 1, date: '2026-06-02' }, born(BIRTH), [], TODAY),
    ).toEqual([]);
  });

  it('checks service vaccines against their WHO limits, with the lot asked but not required', () => {
    expect(
      codes(doseSafety({ vaccineCode: 'INFLUENZA', dose: 1, date: '2026-11-02' }, born(BIRTH), [], TODAY)),
    ).toEqual(['confirm:dose-before-minimum-age']);
    expect(
      codes(doseSafety({ vaccineCode: 'HPV', dose: 1, date: '2026-10-01' }, born('2018-03-04'), [], TODAY)),
    ).toEqual(['confirm:dose-before-minimum-age']);
    const first = [{ vaccineCode: 'HEPA', dose: 1, date: '2026-01-10' }];
    expect(
      codes(doseSafety({ vaccineCode: 'HEPA', dose: 2, date: '2026-05-10' }, born('2020'), first, TODAY)),
    ).toEqual(['confirm:dose-interval-too-short']);
    expect(['HPV', 'PCV', 'RABIES', 'COVID19'].map((code) => lotRequired(code, TODAY))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(lotRequired('DPT_VGB_HIB', TODAY)).toBe(true);
  });

  it('notes "not vaccinated" unless the day is impossible or the dose was already given', () => {
    const given = [{ vaccineCode: 'MEASLES', dose: 1, date: '2026-03-09' }];
    expect(
      notVaccinatedSafety({ vaccineCode: 'MR', dose: 1, date: TODAY }, born('2024-05-01'), given, TODAY),
    ).toEqual([]);
    expect(
      codes(
        notVaccinatedSafety(
          { vaccineCode: 'MEASLES', dose: 1, date: TODAY },
          born('2024-05-01'),
          given,
          TODAY,
        ),
      ),
    ).toEqual(['refuse:dose-already-given']);
    expect(
      codes(notVaccinatedSafety({ vaccineCode: 'BCG', dose: 1, date: '2026-12-09' }, born(BIRTH), [], TODAY)),
    ).toEqual(['refuse:dose-in-future']);
  });

  it('takes a birth date known only to the year at its most favourable', () => {
    // Born some day in 2026: on 20/02/2026 the child may be up to 50 days old, past the 42-day minimum.
    expect(
      doseSafety({ vaccineCode: 'OPV', dose: 1, date: '2026-02-20', lot: 'E' }, born('2026'), [], TODAY),
    ).toEqual([]);
    expect(
      codes(
        doseSafety({ vaccineCode: 'OPV', dose: 1, date: '2026-01-20', lot: 'E' }, born('2026'), [], TODAY),
      ),
    ).toEqual(['confirm:dose-before-minimum-age']);
  });

  it('for every scheduled dose with a minimum age: a day before it asks, on the day it does not', () => {
    const rules = vaccineCatalogue.flatMap((entry) =>
      entry.doseRules
        .filter((rule) => rule.minAgeDays !== undefined && rule.minIntervalDaysFromPrevious === undefined)
        .map((rule) => ({ entry, rule })),
    );
    fc.assert(
      fc.property(fc.constantFrom(...rules), fc.integer({ min: 0, max: 3000 }), ({ entry, rule }, offset) => {
        // Born once the vaccine is in the catalogue (a dose before that is checked against nothing).
        const birth = addDays(entry.validFrom ?? '2018-01-01', offset);
        const minimum = rule.minAgeDays ?? 0;
        const check = (age: number) =>
          codes(
            doseSafety(
              { vaccineCode: entry.code, dose: rule.dose, date: addDays(birth, age), lot: 'L' },
              born(birth),
              [],
              '2030-12-31',
            ),
          );
        expect(check(minimum)).not.toContain('confirm:dose-before-minimum-age');
        if (minimum > 0) expect(check(minimum - 1)).toContain('confirm:dose-before-minimum-age');
      }),
    );
  });

  it('for every scheduled minimum interval: a day short asks, the full interval does not', () => {
    const rules = vaccineCatalogue.flatMap((entry) =>
      entry.doseRules
        .filter((rule) => rule.minIntervalDaysFromPrevious !== undefined)
        .map((rule) => ({ entry, rule })),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...rules),
        fc.integer({ min: 400, max: 3000 }),
        ({ entry, rule }, firstAt) => {
          const birth = '2010-01-01';
          const first = addDays(entry.validFrom ?? birth, firstAt);
          const previous = [{ vaccineCode: entry.code, dose: rule.dose - 1, date: first }];
          const interval = rule.minIntervalDaysFromPrevious ?? 0;
          const check = (days: number) =>
            codes(
              doseSafety(
                { vaccineCode: entry.code, dose: rule.dose, date: addDays(first, days), lot: 'L' },
                born(birth),
                previous,
                '2030-12-31',
              ),
            );
          expect(check(interval)).not.toContain('confirm:dose-interval-too-short');
          expect(check(interval - 1)).toContain('confirm:dose-interval-too-short');
        },
      ),
    );
  });
});
