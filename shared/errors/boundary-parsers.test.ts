import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPassword } from '../accounts/password-policy.ts';
import { deriveUserName, parseUserName } from '../accounts/user-name.ts';
import { parseHlc } from '../clock/hlc.ts';
import { parsePartialDate, type PartialDate } from '../dates/partial-date.ts';
import { parseBhxhNumber } from '../identifiers/bhxh-number.ts';
import { parseBhytCard } from '../identifiers/bhyt-card.ts';
import { parseCccdQr } from '../identifiers/cccd-qr.ts';
import { parseFacilityCode } from '../identifiers/facility-code.ts';
import { parseHealthId } from '../identifiers/health-id.ts';
import { parseInsuranceInput } from '../identifiers/insurance-input.ts';
import { parsePersonalId } from '../identifiers/personal-id.ts';
import { parseReleaseManifest } from '../releases/release-manifest.ts';
import { validateAccessEventDocument } from '../schemas/access-event-document.ts';
import { validateEncounter } from '../schemas/encounter.ts';
import { validateHealthIdPoolDocument } from '../schemas/health-id-pool-document.ts';
import { validateImmunization } from '../schemas/immunization.ts';
import { validatePerson } from '../schemas/person.ts';
import { validateStationStatusDocument } from '../schemas/station-status-document.ts';
import { splitFullName } from '../text/split-full-name.ts';
import type { Result } from './result.ts';

/**
 * The kernel's promise at every boundary: whatever a parser or validator is given (text,
 * numbers, null, nested objects, prototype-less objects), it answers a Result, and every error it answers carries a
 * stable kebab-case code and a non-empty message. Never a crash.
 */
const parsers: Record<string, (input: unknown) => Result<unknown>> = {
  parsePersonalId: (input) =>
    parsePersonalId(input, { dateOfBirth: '1990-01-01' as PartialDate, sex: 'female' }),
  parseBhytCard,
  parseBhxhNumber,
  parseFacilityCode,
  parseCccdQr,
  parseHealthId,
  parseInsuranceInput,
  parsePartialDate,
  parseHlc,
  parseUserName,
  splitFullName,
  checkPassword: (input) => checkPassword(input, { userName: '01I29_anv' }),
  deriveUserName: (input) =>
    deriveUserName({ fullName: input, facilityCode: input, kind: 'staff', isTaken: () => false } as never),
  parseReleaseManifest: (input) => parseReleaseManifest(input as string),
  validatePerson,
  validateEncounter,
  validateImmunization,
  validateHealthIdPoolDocument,
  validateStationStatusDocument,
  validateAccessEventDocument,
};

/** Text that looks like what the parsers expect, so the sweep also reaches past their first check. */
const nearlyValid = fc.oneof(
  fc.stringMatching(/^[0-9 .|-]{0,20}$/),
  fc.stringMatching(/^[A-Z]{2}\d{13}$/),
  fc.stringMatching(/^\d{12}\|\d{9}?\|[^|]{0,20}\|\d{8}\|(Nam|Nữ)\|[^|]{0,20}\|\d{8}$/),
  fc.string({ unit: 'grapheme' }),
);

function expectAnswered(result: Result<unknown>): void {
  expect(typeof result.ok).toBe('boolean');
  if (result.ok) return;
  expect(result.errors.length).toBeGreaterThan(0);
  for (const error of result.errors) {
    expect(error.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(error.message.trim()).not.toBe('');
  }
}

describe('every boundary parser of the kernel', () => {
  for (const [name, parse] of Object.entries(parsers)) {
    it(`${name} answers anything with a Result, never a crash`, () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.anything({ withObjectString: true, withNullPrototype: true }), nearlyValid),
          (input) => {
            expectAnswered(parse(input));
          },
        ),
        { numRuns: 300 },
      );
    });
  }
});
