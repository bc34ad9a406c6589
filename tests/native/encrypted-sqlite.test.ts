import Database from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The native module the station replica stands on: built from source by `npm install`, it must open a
 * whole-file encrypted database, refuse the wrong key, and leave no plaintext on disk.
 */
describe('better-sqlite3-multiple-ciphers as installed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hssk-sqlite-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes an encrypted file that only the right key opens', () => {
    const file = join(dir, 'replica.db');
    const key = 'a'.repeat(64);
    const db = new Database(file);
    db.pragma(`key = "x'${key}'"`);
    db.exec('CREATE TABLE persons (id TEXT PRIMARY KEY, full_name TEXT)');
    db.prepare('INSERT INTO persons VALUES (?, ?)').run('p1', 'Nguyễn Thị Hòa — GIẢ LẬP');
    db.close();

    const bytes = readFileSync(file);
    expect(bytes.includes(Buffer.from('Nguyễn Thị Hòa'))).toBe(false);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');

    const reopened = new Database(file);
    reopened.pragma(`key = "x'${key}'"`);
    expect(reopened.prepare('SELECT full_name FROM persons WHERE id = ?').pluck().get('p1')).toBe(
      'Nguyễn Thị Hòa — GIẢ LẬP',
    );
    reopened.close();

    const wrong = new Database(file);
    wrong.pragma(`key = "x'${'b'.repeat(64)}'"`);
    expect(() => wrong.prepare('SELECT count(*) FROM persons').get()).toThrow(/not a database|encrypted/i);
    wrong.close();
  });
});
