import { sql } from 'drizzle-orm';
import type { Person } from '#shared/schemas/person.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { DocumentCipher } from '../crypto/document-cipher.ts';
import type { Database } from '../db/database.ts';
import { bytesColumn, rowsOf } from '../db/sql-rows.ts';
import { decryptDocument } from '../replication/store/client-document.ts';
import type { DuplicateDetector } from './duplicate-detector.ts';

export type RescanScope = 'unindexed' | 'all';

/**
 * Runs duplicate detection over residents already stored, a page at a time in id order, each page in its own
 * transaction: `unindexed` (the default) only those who have no identity keys yet — stored before detection ran for
 * them, by an earlier version or without a blind-index key — and `all` every resident again (after a change of the
 * identity rules). Pairs are queued exactly as for an accepted write; a decided pair is not reopened. Returns how many
 * residents were scanned; audited once when any were.
 */
export async function rescanResidents(
  deps: {
    readonly db: Database;
    readonly cipher: DocumentCipher;
    readonly duplicates: DuplicateDetector;
    readonly audit: AuditLog;
    readonly clock: { now(): Date };
  },
  scope: RescanScope = 'unindexed',
  pageSize = 500,
): Promise<number> {
  let scanned = 0;
  for (let after = ''; ;) {
    const rows = rowsOf(
      await deps.db.execute(sql`select d.id, d.key_id, d.body from documents d
        where d.collection = 'persons' and not d.deleted and d.id > ${after}
          ${
            scope === 'all'
              ? sql``
              : sql`and not exists (select 1 from person_identity_keys k where k.person_id = d.id)`
          }
        order by d.id limit ${pageSize}`),
    );
    if (rows.length === 0) break;
    const persons = rows.map(
      (row) =>
        decryptDocument(deps.cipher, String(row['key_id']), bytesColumn(row['body'])) as unknown as Person,
    );
    await deps.db.transaction((tx) => deps.duplicates.check(tx, persons, deps.clock.now()));
    scanned += persons.length;
    after = persons[persons.length - 1]?.id ?? after;
    if (rows.length < pageSize) break;
  }
  if (scanned > 0) {
    await deps.audit.append(deps.db, {
      action: 'duplicates-rescanned',
      targetType: 'collection',
      targetId: 'persons',
      detail: { scope, residents: scanned },
    });
  }
  return scanned;
}
