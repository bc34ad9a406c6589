import type { AuditLog } from '../../audit/audit-log.ts';
import type { Principal } from '../../auth/principal.ts';
import type { DocumentCipher } from '../../crypto/document-cipher.ts';
import type { CollectionRegistry } from '../collection-registry.ts';
import type { ReplicatedCollection } from '../replicated-collection.ts';
import type { ReplicationScope } from '../replication-scope.ts';
import type { RecordCommit } from '../store/record-commit.ts';
import type { PushRow } from './push-row.ts';

/** What a push works with. */
export type PushDependencies = {
  readonly cipher: DocumentCipher;
  readonly audit: AuditLog;
  readonly clock: { now(): Date };
  readonly registry: CollectionRegistry;
  /** The one commit path of the record, which also tells the open streams once the push committed. */
  readonly commit: RecordCommit;
};

/** One RxDB push batch of one collection, by one principal in its scope. */
export type PushRequest = {
  readonly collection: ReplicatedCollection;
  readonly principal: Principal;
  readonly scope: ReplicationScope;
  readonly rows: readonly PushRow[];
  /**
   * One more account the rows may be credited to (`updatedBy`) besides the pusher, when it lies in the pusher's
   * subtree: the station staff member who wrote a quarantined write an admin re-applies.
   */
  readonly alsoCredit?: string | undefined;
  /**
   * An approved care relationship: the accepted records' persons become cared for by this unit (a hospital), whose
   * refused record an admin with the person in their subtree re-applies. `approvedBy` names the approval.
   */
  readonly careApproval?: { readonly unitId: string; readonly approvedBy: string } | undefined;
};
