import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDocumentKey } from '../crypto/document-cipher.ts';
import { parseServerConfig, type ServerConfig } from './server-config.ts';
import { loadServerSecrets } from './server-secrets.ts';

const dir = mkdtempSync(join(tmpdir(), 'hssk-secrets-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function config(env: Record<string, string>): ServerConfig {
  const parsed = parseServerConfig(env);
  if (!parsed.ok) throw new Error(parsed.errors[0].message);
  return parsed.value;
}

describe('server configuration and secrets', () => {
  it('generates demo keys once into the data folder, privately, and says so', async () => {
    const cfg = config({ HSSK_DATA_DIR: join(dir, 'demo') });
    const first = await loadServerSecrets(cfg);
    const second = await loadServerSecrets(cfg);
    if (!first.ok || !second.ok) throw new Error('expected secrets');
    expect(first.value.generated).toEqual([
      join(dir, 'demo', 'secrets.json'),
      'HSSK_DOCUMENT_KEYS',
      'HSSK_AUDIT_SIGNING_KEY',
      'HSSK_BLIND_INDEX_KEY',
    ]);
    expect(second.value.generated).toEqual([
      'HSSK_DOCUMENT_KEYS',
      'HSSK_AUDIT_SIGNING_KEY',
      'HSSK_BLIND_INDEX_KEY',
    ]);
    expect([...second.value.documentKeys.keys()]).toEqual(['demo1']);
    expect(second.value.auditSigningKey).toEqual(first.value.auditSigningKey);
    expect(second.value.blindIndexKey).toEqual(first.value.blindIndexKey);
    expect(second.value.blindIndexKey).toHaveLength(32);
    for (const file of ['secrets.json', 'blind-index-key'])
      expect(statSync(join(dir, 'demo', file)).mode & 0o777, file).toBe(0o600);
    expect(statSync(join(dir, 'demo')).mode & 0o777, 'the data folder').toBe(0o700);
  });

  it('takes keys from the environment and generates nothing', async () => {
    const audit = Buffer.from(nacl.sign.keyPair().secretKey).toString('base64');
    const cfg = config({
      HSSK_DATA_DIR: join(dir, 'env'),
      HSSK_DOCUMENT_KEYS: generateDocumentKey('k7'),
      HSSK_AUDIT_SIGNING_KEY: audit,
      HSSK_BLIND_INDEX_KEY: Buffer.from(nacl.randomBytes(32)).toString('base64'),
    });
    const secrets = await loadServerSecrets(cfg);
    expect(secrets.ok && secrets.value.generated).toEqual([]);
    expect(secrets.ok && [...secrets.value.documentKeys.keys()]).toEqual(['k7']);
  });

  it('refuses to start production without a database or keys, naming the variable', () => {
    const result = parseServerConfig({ HSSK_ENV: 'production', DATABASE_URL: 'postgres://db/hssk' });
    expect(result).toMatchObject({
      ok: false,
      errors: [{ code: 'config-production-secret-missing', params: { variable: 'HSSK_DOCUMENT_KEYS' } }],
    });
    expect(
      parseServerConfig({
        HSSK_ENV: 'production',
        DATABASE_URL: 'postgres://db/hssk',
        HSSK_DOCUMENT_KEYS: generateDocumentKey('k1'),
        HSSK_AUDIT_SIGNING_KEY: 'x',
      }),
    ).toMatchObject({
      ok: false,
      errors: [{ code: 'config-production-secret-missing', params: { variable: 'HSSK_BLIND_INDEX_KEY' } }],
    });
    expect(parseServerConfig({ PORT: 'abc' })).toMatchObject({
      ok: false,
      errors: [{ code: 'config-invalid' }],
    });
  });

  it('reports a damaged secrets file instead of replacing it', async () => {
    const damaged = join(dir, 'damaged');
    const cfg = config({ HSSK_DATA_DIR: damaged });
    await loadServerSecrets(cfg);
    writeFileSync(join(damaged, 'secrets.json'), '{"documentKeys":');
    expect(await loadServerSecrets(cfg)).toMatchObject({
      ok: false,
      errors: [{ code: 'secrets-file-invalid' }],
    });
    expect(readFileSync(join(damaged, 'secrets.json'), 'utf8')).toBe('{"documentKeys":');
  });
});
