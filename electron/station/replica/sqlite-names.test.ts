import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { databaseFileName, documentTableName, escapeName } from './sqlite-names.ts';

describe('sqlite names', () => {
  it('escapes injectively into lower-case letters, digits, hyphens and underscores', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(escapeName(a)).toMatch(/^[a-z0-9_-]*$/);
        if (a !== b) expect(escapeName(a)).not.toBe(escapeName(b));
      }),
    );
  });

  it('keeps plain RxDB names readable and separates names that differ only in case', () => {
    expect(databaseFileName('station')).toBe('station.db');
    expect(databaseFileName('Station')).not.toBe(databaseFileName('station'));
    expect(databaseFileName('../etc/passwd')).toMatch(/^[a-z0-9_]+\.db$/);
    expect(documentTableName('persons', 2)).toBe('docs_persons_v2');
    expect(documentTableName('rx-replication-meta-abc', 0)).toBe('docs_rx-replication-meta-abc_v0');
    expect(documentTableName('_rxdb_internal', 0)).toBe('docs__005frxdb_005finternal_v0');
  });

  it('refuses names that cannot become a file name', () => {
    expect(() => databaseFileName('')).toThrow();
    expect(() => databaseFileName('Ư'.repeat(60))).toThrow();
    expect(() => documentTableName('persons', -1)).toThrow();
  });
});
