import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { z } from 'zod';
import { defineIssues } from '#shared/errors/issue.ts';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import { generateDocumentKey, parseDocumentKeys } from '../crypto/document-cipher.ts';
import type { ServerConfig } from './server-config.ts';

export type ServerSecrets = {
  readonly documentKeys: ReadonlyMap<string, Uint8Array>;
  readonly auditSigningKey: Uint8Array;
  /** The HMAC key of the identity blind indexes (CCCD, BHYT, name + date of birth + sex) for duplicate detection. */
  readonly blindIndexKey: Uint8Array;
  /** Names of the secrets generated into the data folder because the environment did not provide them. */
  readonly generated: readonly string[];
};

const issue = defineIssues({
  'secrets-audit-key-invalid':
    'HSSK_AUDIT_SIGNING_KEY không hợp lệ: cần base64 của khóa bí mật Ed25519 dài 64 byte.',
  'secrets-blind-index-key-invalid':
    'HSSK_BLIND_INDEX_KEY không hợp lệ: cần base64 của 32 byte ngẫu nhiên (openssl rand -base64 32).',
  'secrets-file-invalid':
    'Tệp khóa {file} bị hỏng. Khôi phục tệp từ bản sao lưu; không xóa tệp vì dữ liệu cũ cần khóa này.',
});

const demoSecretsFile = z.object({ documentKeys: z.string(), auditSigningKey: z.string() });

/**
 * The document keys, the audit signing key and the blind-index key. Production takes them from the environment (the
 * config refuses to start without them). The embedded demo and development generate them once into the data folder
 * (`secrets.json`, `blind-index-key`) and report that they did, so the operator knows these are not production keys.
 */
export async function loadServerSecrets(config: ServerConfig): Promise<Result<ServerSecrets>> {
  const generated: string[] = [];
  let documentKeysText = config.documentKeys;
  let auditKeyText = config.auditSigningKey;
  if (documentKeysText === undefined || auditKeyText === undefined) {
    const file = join(config.dataDir, 'secrets.json');
    let stored: z.infer<typeof demoSecretsFile> | undefined;
    try {
      const parsed = demoSecretsFile.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (!parsed.success) return fail(issue('secrets-file-invalid', { file }));
      stored = parsed.data;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
        return fail(issue('secrets-file-invalid', { file }));
      stored = {
        documentKeys: generateDocumentKey('demo1'),
        auditSigningKey: Buffer.from(nacl.sign.keyPair().secretKey).toString('base64'),
      };
      await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
      await writeFile(file, JSON.stringify(stored), { mode: 0o600 });
      generated.push(file);
    }
    if (documentKeysText === undefined) {
      documentKeysText = stored.documentKeys;
      generated.push('HSSK_DOCUMENT_KEYS');
    }
    if (auditKeyText === undefined) {
      auditKeyText = stored.auditSigningKey;
      generated.push('HSSK_AUDIT_SIGNING_KEY');
    }
  }
  const documentKeys = parseDocumentKeys(documentKeysText);
  if (!documentKeys.ok) return documentKeys;
  const auditSigningKey = new Uint8Array(Buffer.from(auditKeyText, 'base64'));
  if (auditSigningKey.length !== nacl.sign.secretKeyLength) return fail(issue('secrets-audit-key-invalid'));
  let blindIndexText = config.blindIndexKey;
  if (blindIndexText === undefined) {
    // Its own file, so a demo folder from before duplicate detection keeps its other keys as they are.
    const file = join(config.dataDir, 'blind-index-key');
    blindIndexText = await readFile(file, 'utf8').catch(async (e: unknown) => {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      const created = Buffer.from(nacl.randomBytes(32)).toString('base64');
      await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
      await writeFile(file, created, { mode: 0o600, flag: 'wx' });
      return created;
    });
    generated.push('HSSK_BLIND_INDEX_KEY');
  }
  const blindIndexKey = new Uint8Array(Buffer.from(blindIndexText.trim(), 'base64'));
  if (blindIndexKey.length !== 32) return fail(issue('secrets-blind-index-key-invalid'));
  return ok({ documentKeys: documentKeys.value, auditSigningKey, blindIndexKey, generated });
}
