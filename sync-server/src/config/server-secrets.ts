import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { z } from 'zod';
import { defineIssues } from '../../../shared/errors/issue.ts';
import { fail, ok, type Result } from '../../../shared/errors/result.ts';
import { generateDocumentKey, parseDocumentKeys } from '../crypto/document-cipher.ts';
import type { ServerConfig } from './server-config.ts';

export type ServerSecrets = {
  readonly documentKeys: ReadonlyMap<string, Uint8Array>;
  readonly auditSigningKey: Uint8Array;
  /** Names of the secrets generated into the data folder because the environment did not provide them. */
  readonly generated: readonly string[];
};

const issue = defineIssues({
  'secrets-audit-key-invalid':
    'HSSK_AUDIT_SIGNING_KEY không hợp lệ: cần base64 của khóa bí mật Ed25519 dài 64 byte.',
  'secrets-file-invalid':
    'Tệp khóa {file} bị hỏng. Khôi phục tệp từ bản sao lưu; không xóa tệp vì dữ liệu cũ cần khóa này.',
});

const demoSecretsFile = z.object({ documentKeys: z.string(), auditSigningKey: z.string() });

/**
 * The document keys and the audit signing key. Production takes both from the environment (the config refuses to
 * start without them). The embedded demo and development generate them once into `<dataDir>/secrets.json` and report
 * that they did, so the operator knows these are not production keys.
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
      await mkdir(config.dataDir, { recursive: true });
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
  return ok({ documentKeys: documentKeys.value, auditSigningKey, generated });
}
