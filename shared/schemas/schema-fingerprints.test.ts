import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { encodeBase64 } from '../sync/base64.ts';
import { encodeUtf8 } from '../sync/utf8.ts';
import { collections } from './collections.ts';
import { serviceCollections } from './service-collections.ts';

/**
 * A station replica stores each collection under its schema; RxDB refuses to open one whose schema changed without
 * a new version (DB6), which would stop every station at its next start. So each (collection, version) pair is
 * pinned here to a fingerprint of its schema. Changing a schema fails this test until its version is bumped, a
 * migration strategy added (`*-schema.ts`) and the new version's fingerprint recorded below.
 */
const recorded: Readonly<Record<string, string>> = {
  'persons@1': 'XLOyULSztXs4l9jc5BhSsknH',
  'persons@2': 'XBdFUELLdl7+1Z7YQavSb07M',
  'encounters@1': '0V83JnEdLC8RFXPk8KgHqaTE',
  'encounters@2': 'OerbToaQDoMsikndQyVp7UBd',
  'encounters@3': '0h66nyIwUn8U5FLCGt0BRkQc',
  'encounters@4': 'ALT3n+9IF9GIxFugt5mhsoZS',
  'immunizations@1': 'n60F4Jw3oaoaFPwX9upeBKhX',
  'immunizations@2': '86eeGy/GNfIf1NXJ+Vk/AovV',
  'immunizations@3': 'HkT8N/3oa4fXmkghk+KCh38Z',
  'health-id-pools@0': 'qWQxAPDTyxx4P4k/t68tZUM2',
  'station-status@0': 'gtcTMvpDbdnBJQRP/1Zkm9LN',
  'access-events@0': 'y81vPdDLuTldn4fO93s1SPyv',
  'access-events@1': 'mi/k+4TIQifKZDad/KApMGZ+',
  'access-events@2': 'yFrDxm64/WLX1q6acqDvm/pP',
  'staff-access@0': 'Z4AmNCCoDiiGjKHgUBFF2U7C',
};

/** JSON with object keys sorted at every level, so the fingerprint does not depend on key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function schemaFingerprint(schema: unknown): string {
  return encodeBase64(nacl.hash(encodeUtf8(canonical(schema)))).slice(0, 24);
}

describe('the replicated schemas', () => {
  for (const definition of [...Object.values(collections), ...Object.values(serviceCollections)]) {
    const key = `${definition.name}@${String(definition.schema.version)}`;
    it(`${key} is the schema recorded for that version (a changed schema needs a new version and migration)`, () => {
      expect(schemaFingerprint(definition.schema), key).toBe(recorded[key]);
    });
  }
});
