/**
 * Why a document left a replica's scope (stored in `evictions.reason`): the resident moved to a unit outside it, was
 * merged into a record managed elsewhere, or the record now belongs to another resident.
 */
export const evictionReasons = ['moved', 'merged-away', 'person-changed'] as const;
export type EvictionReason = (typeof evictionReasons)[number];
