import { serviceCollections } from '#shared/schemas/service-collections.ts';
import { validateStaffAccessDocument, type StaffAccessState } from '#shared/schemas/staff-access-document.ts';
import type { DocumentCipher } from '../crypto/document-cipher.ts';
import type { Database, Transaction } from '../db/database.ts';
import type { ChangeFeed } from '../replication/feed/change-feed.ts';
import { allocateSequence, upsertDocuments } from '../replication/store/document-store.ts';

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
 * that person never signs in online again. `transaction` runs an act and, once it committed, tells the open
 * replication streams of the units it touched.
 */
export type StaffAccessList = {
  transaction<T>(db: Database, act: (tx: Transaction, record: RecordStaffAccess) => Promise<T>): Promise<T>;
};

/** The list of a server that replicates: documents encrypted with `cipher`, announced on `feed`. */
export function createStaffAccessList(deps: {
  readonly cipher: DocumentCipher;
  readonly feed?: ChangeFeed | undefined;
}): StaffAccessList {
  const write = async (tx: Transaction, account: StaffAccessAccount, access: StaffAccessState, at: Date) => {
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
    const seq = await allocateSequence(tx, STAFF_ACCESS_COLLECTION, 1);
    await upsertDocuments(
      tx,
      STAFF_ACCESS_COLLECTION,
      [
        {
          id: account.id,
          seq,
          scopeUnitId: account.orgUnitId,
          personId: null,
          deleted: false,
          keyId: sealed.keyId,
          body: sealed.body,
        },
      ],
      at,
    );
  };
  return {
    async transaction(db, act) {
      const units = new Set<string>();
      const result = await db.transaction((tx) =>
        act(tx, async (account, access, at) => {
          if (account.role !== STATION_STAFF_ROLE) return;
          await write(tx, account, access, at);
          units.add(account.orgUnitId);
        }),
      );
      if (units.size > 0)
        deps.feed?.publish({ collection: STAFF_ACCESS_COLLECTION, scopeUnitIds: [...units] });
      return result;
    },
  };
}

/** The list of a server that does not replicate: nothing to tell stations. */
export const noStaffAccessList: StaffAccessList = {
  transaction: (db, act) => db.transaction((tx) => act(tx, async () => undefined)),
};
