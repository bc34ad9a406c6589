import { serviceCollections } from '#shared/schemas/service-collections.ts';
import { validateStaffAccessDocument, type StaffAccessState } from '#shared/schemas/staff-access-document.ts';
import type { DocumentCipher } from '../crypto/document-cipher.ts';
import type { Database, Transaction } from '../db/database.ts';
import type { ChangeFeed } from '../replication/feed/change-feed.ts';
import { createRecordCommit, type RecordTransaction } from '../replication/store/record-commit.ts';

export const STAFF_ACCESS_COLLECTION = serviceCollections['staff-access'].name;

/** The role whose accounts sign in at stations, and so are on a station's revocation list. */
const STATION_STAFF_ROLE = 'station-staff';

/** What the list needs of an account row. */
export type StaffAccessAccount = {
  readonly id: string;
  readonly loginKey: string;
  readonly role: string;
  readonly orgUnitId: string;
};

/** Records, inside the running transaction, a station staff account's access now; other roles are ignored. */
export type RecordStaffAccess = (
  account: StaffAccessAccount,
  access: StaffAccessState,
  at: Date,
) => Promise<void>;

/**
 * The stations' revocation list (`staff-access`, a server-written replicated collection): every act that changes
 * whether a station staff account may sign in (lock, unlock, close, password reset and change, inactivity) records
 * the account's access in the same transaction as the change, so a station learns it with its next sync even if
 * that person never signs in online again. `transaction` runs an act through the record's one commit path, which
 * tells the open replication streams of the units it touched once the act committed.
 */
export type StaffAccessList = {
  transaction<T>(db: Database, act: (tx: Transaction, record: RecordStaffAccess) => Promise<T>): Promise<T>;
};

/** The list of a server that replicates: documents encrypted with `cipher`, announced on `feed`. */
export function createStaffAccessList(deps: {
  readonly cipher: DocumentCipher;
  readonly feed?: ChangeFeed | undefined;
}): StaffAccessList {
  const write = async (
    record: RecordTransaction,
    account: StaffAccessAccount,
    access: StaffAccessState,
    at: Date,
  ) => {
    const checked = validateStaffAccessDocument({
      id: account.id,
      orgUnitId: account.orgUnitId,
      userName: account.loginKey,
      access,
      changedAt: at.toISOString(),
    });
    if (!checked.ok)
      throw new Error(`staff access of account ${account.id} is invalid: ${checked.errors[0].code}`);
    const sealed = deps.cipher.encrypt(checked.value);
    const entry = {
      id: account.id,
      scopeUnitId: account.orgUnitId,
      personId: null,
      deleted: false,
      keyId: sealed.keyId,
      body: sealed.body,
    };
    await record.write(new Map([[STAFF_ACCESS_COLLECTION, [entry]]]), at);
  };
  return {
    async transaction(db, act) {
      return createRecordCommit({ db, feed: deps.feed }).transaction((record) =>
        act(record.tx, async (account, access, at) => {
          if (account.role !== STATION_STAFF_ROLE) return;
          await write(record, account, access, at);
        }),
      );
    },
  };
}

/** The list of a server that does not replicate: nothing to tell stations. */
export const noStaffAccessList: StaffAccessList = {
  transaction: (db, act) => db.transaction((tx) => act(tx, async () => undefined)),
};
