import { and, eq, inArray } from 'drizzle-orm';
import type { Person } from '#shared/schemas/person.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { DocumentCipher } from '../crypto/document-cipher.ts';
import type { Database } from '../db/database.ts';
import { documents } from '../db/schema/replication.ts';
import type { BlindIndex } from '../duplicates/identity-keys.ts';
import type { HealthIdKey } from '../health-ids/health-id-key.ts';
import { decryptDocument } from '../replication/store/client-document.ts';
import { personIdsByIdentifier } from './patient-match.ts';

export type PatientIdentity = { healthId: string; fullName: string; dateOfBirth: string; sex: string };

export type PatientLookup = {
  find(
    hospital: Principal,
    identifier: { readonly kind: 'personal-id' | 'bhyt-card' | 'health-id'; readonly value: string },
  ): Promise<PatientIdentity[]>;
};

/**
 * A hospital's lookup of a patient by one identifier (Art. 20): the health ID and the minimum that confirms identity,
 * nothing of the record. Every read is audited — one entry per resident answered, or one saying nothing was found —
 * before it is answered; merged-away records are not answered (the survivor holds the identifier).
 */
export function createPatientLookup(deps: {
  readonly db: Database;
  readonly cipher: DocumentCipher;
  readonly audit: AuditLog;
  readonly blind: BlindIndex;
  readonly healthIdKey: HealthIdKey;
  readonly personCollection: string;
}): PatientLookup {
  return {
    async find(hospital, identifier) {
      const ids = await personIdsByIdentifier(deps.db, deps, identifier);
      const rows =
        ids.length === 0
          ? []
          : await deps.db
              .select({ id: documents.id, keyId: documents.keyId, body: documents.body })
              .from(documents)
              .where(and(eq(documents.collection, deps.personCollection), inArray(documents.id, ids)));
      const persons = rows
        .map((row) => decryptDocument(deps.cipher, row.keyId, row.body) as Person)
        .filter((person) => person.status !== 'merged');
      const actor = { actorAccountId: hospital.accountId, orgUnitId: hospital.orgUnitId };
      await deps.audit.appendAll(
        deps.db,
        persons.length === 0
          ? [{ action: 'interop-patient-lookup', ...actor, detail: { by: identifier.kind, found: 0 } }]
          : persons.map((person) => ({
              action: 'interop-patient-lookup' as const,
              ...actor,
              targetType: 'persons',
              targetId: person.id,
              detail: { by: identifier.kind, found: persons.length },
            })),
      );
      return persons.map((person) => ({
        healthId: person.healthId,
        fullName: person.fullName,
        dateOfBirth: person.dateOfBirth,
        sex: person.sex,
      }));
    },
  };
}
