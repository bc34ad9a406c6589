import type { DocumentCipher } from '../../crypto/document-cipher.ts';
import type { DbExecutor } from '../../db/database.ts';
import { conflictLog } from '../../db/schema/replication.ts';
import type { MergeRecord } from './push-row.ts';

export type ConflictLogEntry = {
  readonly collection: string;
  readonly documentId: string;
  readonly accountId: string;
  readonly deviceId: string | undefined;
  readonly merge: MergeRecord;
};

/** Logs server-side merges: the rules in clear (for review lists), all versions and decisions encrypted. */
export async function insertConflictLog(
  db: DbExecutor,
  cipher: DocumentCipher,
  entries: readonly ConflictLogEntry[],
  at: Date,
): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(conflictLog).values(
    entries.map((entry) => {
      const sealed = cipher.encrypt(entry.merge);
      return {
        collection: entry.collection,
        documentId: entry.documentId,
        accountId: entry.accountId,
        deviceId: entry.deviceId ?? null,
        rules: [...new Set(entry.merge.decisions.map((d) => d.rule))],
        keyId: sealed.keyId,
        payload: sealed.body,
        createdAt: at,
      };
    }),
  );
}
