import type { SessionView, SyncStatusView } from '#shared/station-api/station-api.ts';
import type { ConnectionState } from '../api/connected-station-api.ts';

export type SyncHeadlineKind =
  | 'connecting'
  | 'connection-lost'
  | 'connection-refused'
  | 'unknown'
  | 'not-signed-in-online'
  | 'synced'
  | 'syncing'
  | 'pending'
  | 'offline'
  | 'needs-attention';

/** What the header says about sync, in one line, and how loudly. */
export type SyncHeadline = {
  readonly kind: SyncHeadlineKind;
  readonly tone: 'success' | 'processing' | 'warning' | 'error' | 'default';
  readonly pendingChanges: number;
  readonly lastSyncedAt: string | null;
  /** The newest problem the sync reported, in the core's words. */
  readonly problem?: string;
  readonly problemCount: number;
};

/**
 * The header's sync state, honestly: "synced" only when the core says the last round reached the server,
 * nothing is pending and a successful sync has happened at all; otherwise offline, syncing, pending (with the count)
 * or needs-attention (with the core's message). Without a link to the core, or before the core has said anything,
 * the header claims nothing.
 */
export function syncHeadline(
  connection: ConnectionState,
  session: SessionView | null,
  status: SyncStatusView | null,
): SyncHeadline {
  const base = {
    pendingChanges: status?.pendingChanges ?? 0,
    lastSyncedAt: status?.lastSyncedAt ?? null,
    problemCount: status?.errors.length ?? 0,
    ...(status?.errors[0] === undefined ? {} : { problem: status.errors[0].message }),
  };
  if (connection.kind === 'connecting') return { ...base, kind: 'connecting', tone: 'processing' };
  if (connection.kind === 'lost') return { ...base, kind: 'connection-lost', tone: 'error' };
  if (connection.kind === 'refused')
    return { ...base, kind: 'connection-refused', tone: 'error', problem: connection.message };
  if (status === null) return { ...base, kind: 'unknown', tone: 'default' };
  switch (status.state) {
    case 'needs-attention':
      return { ...base, kind: 'needs-attention', tone: 'error' };
    case 'offline':
      // An offline sign-in never starts the sync: say why nothing moves, not merely "offline".
      return session?.mode === 'offline' && status.lastPullAt === null
        ? { ...base, kind: 'not-signed-in-online', tone: 'warning' }
        : { ...base, kind: 'offline', tone: 'warning' };
    case 'syncing':
      return { ...base, kind: 'syncing', tone: 'processing' };
    case 'pending':
      return { ...base, kind: 'pending', tone: 'warning' };
    case 'synced':
      return status.pendingChanges === 0 && status.lastSyncedAt !== null
        ? { ...base, kind: 'synced', tone: 'success' }
        : { ...base, kind: status.pendingChanges > 0 ? 'pending' : 'unknown', tone: 'warning' };
  }
}
