import { createDuplicateDetector, type DuplicateDetector } from '../duplicates/duplicate-detector.ts';
import { createBlindIndex } from '../duplicates/identity-keys.ts';
import { createHealthIdKey } from '../health-ids/health-id-key.ts';
import { domainReplicatedCollections } from '../record/domain-collections.ts';
import type { ReplicatedCollection } from '../replication/replicated-collection.ts';
import { serviceReplicatedCollections, type ServiceCollectionDependencies } from './service-collections.ts';

/**
 * The collections the server replicates, composed from their features: the health record (residents, exams, doses)
 * and the station services. With the blind-index key, every accepted resident write — pushed, merged or stored by the
 * server — is checked for potential duplicates by `duplicates`; the same key blinds the health-ID index. The server
 * and its seeding use this one composition, so a write gets the same consequences whichever way it comes in.
 */
export function recordCollections(options: {
  readonly blindIndexKey?: Uint8Array | undefined;
  readonly services: ServiceCollectionDependencies;
}): { readonly collections: readonly ReplicatedCollection[]; readonly duplicates?: DuplicateDetector } {
  const duplicates =
    options.blindIndexKey === undefined
      ? undefined
      : createDuplicateDetector({ blind: createBlindIndex(options.blindIndexKey) });
  const collections = [
    ...domainReplicatedCollections({ duplicates, healthIdKey: createHealthIdKey(options.blindIndexKey) }),
    ...serviceReplicatedCollections(options.services),
  ];
  return duplicates === undefined ? { collections } : { collections, duplicates };
}
