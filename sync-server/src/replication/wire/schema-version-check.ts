import type { Issue } from '#shared/errors/issue.ts';
import type { Principal } from '../../auth/principal.ts';
import type { ReplicatedCollection } from '../replicated-collection.ts';
import { replicationIssue, type ReplicationIssueCode } from './replication-issues.ts';

/**
 * Whether a client built with the schema version it sent (`x-hssk-schema-version`) may replicate `collection`.
 * A station device (a request with a verified device signature) that sends no header is an app from before the
 * header, whose schemas were all version 0, and is held to that. Accounts without a device (district and city admins,
 * hospitals) are not station apps and pass without it; the server still validates everything they push. The check
 * spares a station app a pull it could not store and a push that would drop fields it does not know. Answers the
 * issue to refuse with, or `undefined` to go on.
 */
export function schemaVersionIssue(
  collection: ReplicatedCollection,
  principal: Pick<Principal, 'deviceId'>,
  header: string | string[] | undefined,
): Issue<ReplicationIssueCode> | undefined {
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined && principal.deviceId === undefined) return undefined;
  const version = raw === undefined ? 0 : /^\d{1,6}$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
  if (version === undefined) {
    return replicationIssue('schema-version-header-invalid', { value: (raw ?? '').slice(0, 32) });
  }
  const params = { collection: collection.name, client: version, server: collection.schemaVersion };
  if (version < collection.schemaVersion) return replicationIssue('schema-version-outdated', params);
  if (version > collection.schemaVersion) return replicationIssue('schema-version-ahead', params);
  return undefined;
}
