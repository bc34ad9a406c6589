import { randomBytes } from 'node:crypto';
import type { AccessEventAction, AccessEventDocument } from '#shared/schemas/access-event-document.ts';
import type { ReplicaWriter } from './replica-writer.ts';

/**
 * The station's audit of its own use (DESIGN.md §6, Art. 22): logins (also failed and offline ones), reads of a
 * person's record, backups. Each act is written to the replica at once, offline or not, as an `access-events`
 * document and pushed with the next sync; the server appends it to the signed audit chain. Ids only, no health data.
 */
export type AccessLog = {
  /** `personId`: whose record; `worklist`: the list printed or exported and how many residents it held. */
  record(
    action: AccessEventAction,
    userName: string,
    personId?: string,
    worklist?: { readonly kind: string; readonly rows: number },
  ): Promise<void>;
};

export function createAccessLog(deps: {
  writer: ReplicaWriter;
  clock: { now(): Date };
  deviceId: string;
  orgUnitId: string;
}): AccessLog {
  return {
    async record(action, userName, personId, worklist) {
      const at = deps.clock.now();
      const event: AccessEventDocument = {
        id: `ev-${at.getTime().toString(36)}-${randomBytes(6).toString('hex')}`,
        orgUnitId: deps.orgUnitId,
        deviceId: deps.deviceId,
        action,
        userName: userName.slice(0, 80) || '?',
        ...(personId === undefined ? {} : { personId }),
        ...(worklist === undefined ? {} : { worklist: worklist.kind, rows: worklist.rows }),
        occurredAt: at.toISOString(),
      };
      await deps.writer.append('access-events', event);
    },
  };
}
