import type { Subscription } from 'rxjs';
import type { StaffAccessDocument } from '../../../shared/schemas/staff-access-document.ts';
import type { StationDatabase } from '../database/station-collections.ts';

export type StaffRevocations = {
  /** Resolves when every entry present at start has been acted on, and every entry received so far. */
  settled(): Promise<void>;
  stop(): void;
};

/**
 * Acts on the station's replicated revocation list (`staff-access`): every entry that says a staff member may not
 * sign in any more (locked, closed, password reset) — present at start or arriving with a sync — is passed to
 * `revoke` (which forgets their offline verifier and key slot), one after another. Entries saying `active` need
 * nothing: the person signs in online once to be trusted offline again.
 */
export function watchStaffRevocations(deps: {
  readonly db: StationDatabase;
  revoke(userName: string): Promise<void>;
  /** Told when acting on an entry failed; the entry is tried again at the next start. */
  onError?(error: unknown): void;
}): StaffRevocations {
  const collection = deps.db['staff-access'];
  let queue: Promise<void> = Promise.resolve();
  const act = (entry: StaffAccessDocument) => {
    if (entry.access === 'active') return;
    queue = queue.then(() => deps.revoke(entry.userName)).catch((error: unknown) => deps.onError?.(error));
  };
  const subscription: Subscription = collection.$.subscribe((event) => {
    if (event.operation !== 'DELETE') act(event.documentData);
  });
  const initial = collection
    .find({ selector: { access: { $ne: 'active' } } })
    .exec()
    .then((entries) => {
      for (const entry of entries) act(entry.toJSON());
    });
  return {
    async settled() {
      await initial;
      await queue;
    },
    stop: () => {
      subscription.unsubscribe();
    },
  };
}
