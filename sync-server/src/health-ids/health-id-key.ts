import { createHmac } from 'node:crypto';

/** The blind-index hash of a health ID: equal IDs give equal hashes, the ID itself is never stored. */
export type HealthIdKey = (healthId: string) => string;

/**
 * HMAC-SHA256 of the health ID under the server's blind-index key (HSSK_BLIND_INDEX_KEY, which production requires).
 * A server configured without one (some tests and benchmarks) still keeps health IDs unique, with a fixed key: its
 * hashes are then only as hard to reverse as the ID space is large.
 */
export function createHealthIdKey(blindIndexKey: Uint8Array | undefined): HealthIdKey {
  const key = blindIndexKey ?? Buffer.from('hssk-health-id-index-without-a-configured-key');
  return (healthId) => createHmac('sha256', key).update(`health-id|${healthId}`, 'utf8').digest('hex');
}
