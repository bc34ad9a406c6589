import type { DocumentCipher } from '../../crypto/document-cipher.ts';
import type { DbExecutor } from '../../db/database.ts';
import { quarantine } from '../../db/schema/replication.ts';
import type { QuarantineReason } from './quarantine-reason.ts';

export type QuarantineEntry = {
  readonly collection: string;
  /** '' when the write carried no usable id. */
  readonly documentId: string;
  readonly accountId: string;
  readonly deviceId: string | undefined;
  /** The pusher's org unit: the admins of its subtree review the entry. */
  readonly orgUnitId: string;
  readonly reason: QuarantineReason;
  /** Codes, paths and rule names only; the content is in `content`, encrypted. */
  readonly detail: Readonly<Record<string, unknown>>;
  /** The write exactly as the client sent it (assumed master and new state). */
  readonly content: unknown;
};

/** Keeps a refused write whole (encrypted like documents) with who sent it and why, until an admin resolves it. */
export async function insertQuarantine(
  db: DbExecutor,
  cipher: DocumentCipher,
  entries: readonly QuarantineEntry[],
  at: Date,
): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(quarantine).values(
    entries.map((entry) => {
      const sealed = cipher.encrypt(entry.content);
      return {
        collection: entry.collection,
        documentId: entry.documentId,
        accountId: entry.accountId,
        deviceId: entry.deviceId ?? null,
        orgUnitId: entry.orgUnitId,
        reason: entry.reason,
        detail: entry.detail,
        keyId: sealed.keyId,
        payload: sealed.body,
        createdAt: at,
      };
    }),
  );
}
