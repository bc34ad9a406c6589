import { describe, expect, it } from 'vitest';
import { unwrap } from '../errors/result.ts';
import { parsePartialDate } from '../dates/partial-date.ts';
import { recordSectionsFor } from './record-sections-for.ts';

const born = (text: string) => unwrap(parsePartialDate(text));
const ON = '2026-12-07';

describe('the sex- and age-dependent parts of the record', () => {
  it('asks reproductive health of women and girls from 10, never of men', () => {
    expect(recordSectionsFor({ sex: 'female', dateOfBirth: born('1990-01-01') }, ON).reproductive).toBe(true);
    expect(recordSectionsFor({ sex: 'male', dateOfBirth: born('1990-01-01') }, ON).reproductive).toBe(false);
    expect(recordSectionsFor({ sex: 'female', dateOfBirth: born('2020-01-01') }, ON).reproductive).toBe(
      false,
    );
    expect(recordSectionsFor({ sex: 'unknown', dateOfBirth: born('1990') }, ON).reproductive).toBe(true);
  });

  it('assesses development for children under 16, not for a 63-year-old', () => {
    expect(recordSectionsFor({ sex: 'male', dateOfBirth: born('1963-05-12') }, ON).childDevelopment).toBe(
      false,
    );
    expect(recordSectionsFor({ sex: 'male', dateOfBirth: born('2026-09-01') }, ON).childDevelopment).toBe(
      true,
    );
    expect(recordSectionsFor({ sex: 'female', dateOfBirth: born('2010-12-08') }, ON).childDevelopment).toBe(
      true,
    );
    expect(recordSectionsFor({ sex: 'female', dateOfBirth: born('2010-12-07') }, ON).childDevelopment).toBe(
      false,
    );
  });

  it('shows a part that may apply when the birth date is known only to the year', () => {
    // Born in 2010: 15 or 16 on 07/12/2026.
    expect(recordSectionsFor({ sex: 'male', dateOfBirth: born('2010') }, ON).childDevelopment).toBe(true);
    // Born in 2016: 9 or 10.
    expect(recordSectionsFor({ sex: 'female', dateOfBirth: born('2016') }, ON).reproductive).toBe(true);
  });
});
