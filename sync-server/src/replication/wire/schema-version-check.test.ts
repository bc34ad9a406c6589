import { describe, expect, it } from 'vitest';
import { domainReplicatedCollections } from '../../record/domain-collections.ts';
import { schemaVersionIssue } from './schema-version-check.ts';

const persons = domainReplicatedCollections().find((collection) => collection.name === 'persons');
if (persons === undefined) throw new Error('persons is a domain collection');
const device = { deviceId: 'dev-1' };
const account = {};

describe('schemaVersionIssue', () => {
  it('lets through the version the server stores, and an account without a device that sends no header', () => {
    expect(schemaVersionIssue(persons, device, String(persons.schemaVersion))).toBeUndefined();
    expect(schemaVersionIssue(persons, device, ` ${String(persons.schemaVersion)} `)).toBeUndefined();
    expect(schemaVersionIssue(persons, account, undefined)).toBeUndefined();
  });

  it('holds a station device without the header to version 0, the app from before the header', () => {
    expect(schemaVersionIssue(persons, device, undefined)).toMatchObject({
      code: 'schema-version-outdated',
      params: { client: 0, server: persons.schemaVersion },
    });
  });

  it('refuses an older app with the Vietnamese way forward, and a newer one as the server being behind', () => {
    expect(persons.schemaVersion).toBeGreaterThan(0);
    const older = schemaVersionIssue(persons, device, String(persons.schemaVersion - 1));
    expect(older).toMatchObject({
      code: 'schema-version-outdated',
      params: { collection: 'persons', client: persons.schemaVersion - 1, server: persons.schemaVersion },
    });
    expect(older?.message).toContain('cập nhật phần mềm');
    expect(older?.message).toContain('giữ nguyên trên máy');
    expect(schemaVersionIssue(persons, account, [String(persons.schemaVersion + 1)])).toMatchObject({
      code: 'schema-version-ahead',
    });
  });

  it('refuses a header that is not a version number', () => {
    for (const value of ['', 'v1', '-1', '1.5', '9999999', 'persons=1']) {
      expect(schemaVersionIssue(persons, device, value)).toMatchObject({
        code: 'schema-version-header-invalid',
      });
    }
  });
});
