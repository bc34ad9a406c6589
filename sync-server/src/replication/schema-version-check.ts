import type { Issue } from '../../../shared/errors/issue.ts';
import type { ReplicatedCollection } from './replicated-collection.ts';
import { replicationIssue, type ReplicationIssueCode } from './replication-issues.ts';

/**
 * Whether a client built with the schema version it sent (`x-hssk-schema-version`) may replicate `collection`.
 * Requests without the header pass, as with the app-version guard: district and city admins and hospitals are not
 * station apps, and no station app without it was ever released (the header came before the first schema change).
 * The server still validates every pushed document; the check spares a station app a pull it could not store and
 * a push that would drop fields it does not know. Answers the issue to refuse with, or `undefined` to go on.
 */
export function schemaVersionIssue(
  collection: ReplicatedCollection,
  header: string | string[] | undefined,
): Issue<ReplicationIssueCode> | undefined {
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined) return undefined;
  const version = /^\d{1,6}$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
  if (version === undefined) {
    return replicationIssue('schema-version-header-invalid', { value: raw.slice(0, 32) });
  }
  const params = { collection: collection.name, client: version, server: collection.schemaVersion };
  if (version < collection.schemaVersion) return replicationIssue('schema-version-outdated', params);
  if (version > collection.schemaVersion) return replicationIssue('schema-version-ahead', params);
  return undefined;
}
