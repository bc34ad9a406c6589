import { createHash, randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { createHlc, serializeHlc } from '#shared/clock/hlc.ts';
import type { Issue } from '#shared/errors/issue.ts';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import { loadIcd10Full } from '#shared/reference-data/icd10-list.ts';
import type { Encounter } from '#shared/schemas/encounter.ts';
import type { Person } from '#shared/schemas/person.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { DocumentCipher } from '../crypto/document-cipher.ts';
import type { Database, Transaction } from '../db/database.ts';
import { intakeReceipts, intakeVisits } from '../db/schema/intake.ts';
import { orgUnits } from '../db/schema/org-units.ts';
import type { BlindIndex } from '../duplicates/identity-keys.ts';
import type { HealthIdKey } from '../health-ids/health-id-key.ts';
import type { HealthIdReservation, ServerHealthIds } from '../health-ids/server-health-ids.ts';
import { communeStationId } from '../org-units/commune-station.ts';
import type { CollectionRegistry } from '../replication/collection-registry.ts';
import { planCareGrants } from '../replication/push/care-grants.ts';
import type { ReplicatedCollection } from '../replication/replicated-collection.ts';
import { decryptDocument } from '../replication/store/client-document.ts';
import { lockDocuments, lockPersonScopes } from '../replication/store/document-store.ts';
import { placementOf } from '../replication/store/document-placement.ts';
import {
  planConsequences,
  plannedWritesOf,
  type RecordCommit,
  type RecordTransaction,
  type WritePlan,
} from '../replication/store/record-commit.ts';
import { storeUniqueKeys } from '../replication/store/unique-keys.ts';
import {
  encounterFromVisit,
  hospitalEncounterId,
  newbornFromVisit,
  newbornPersonId,
  personFromVisit,
  type IntakeWrite,
} from './hospital-visit-documents.ts';
import { intakeIssue, type IntakeIssueCode } from './intake-issues.ts';
import { matchPatient } from './patient-match.ts';
import {
  readEnvelopeRecord,
  readQd130Envelope,
  visitKeyOf,
  type EnvelopeFile,
  type EnvelopeLimits,
} from './qd130-envelope.ts';
import { indexIcd10, type Icd10Index } from './qd130-fields.ts';
import { readHospitalVisit, type VisitReading } from './qd130-visit.ts';

/** What became of one hồ sơ. */
export type IntakeOutcome = 'accepted' | 'replaced' | 'unchanged' | 'review' | 'refused';
/** Why a hồ sơ waits for a person: several residents match, or nobody matches and the address has no station. */
export type ReviewReason = 'ambiguous' | 'address-unplaceable';

export type RecordAnswer = {
  readonly position: number;
  readonly visitKey?: string | undefined;
  readonly outcome: IntakeOutcome;
  readonly healthId?: string | undefined;
  readonly version?: number | undefined;
  readonly reviewReason?: ReviewReason | undefined;
  readonly issues: readonly Issue[];
};

export type IntakeAnswer = {
  readonly facilityCode: string;
  readonly receivedAt: string;
  readonly records: readonly RecordAnswer[];
};

/** A person's decision on a hồ sơ kept for review: attach it to a resident, or create one in a station's commune. */
export type ReviewDecision =
  | { readonly personId: string }
  | { readonly create: { readonly stationId: string; readonly communeCode: string } };

export type HospitalIntake = {
  /** Receives one hồ sơ giám định from `sender` (an interop account): each hồ sơ answered on its own. */
  receive(sender: Principal, bytes: Uint8Array): Promise<Result<IntakeAnswer, IntakeIssueCode>>;
  /** The visit a receipt holds, read again from its kept files (undefined when it no longer reads). */
  readKept(receiptId: number): Promise<VisitReading | undefined>;
  /**
   * Stores a kept visit of `hospitalUnitId` as `decision` says, in `record`, credited to `admin`, who decided: the
   * visit, a new resident if asked, the newborns, the care relationship.
   */
  acceptDecided(
    record: RecordTransaction,
    input: {
      readonly hospitalUnitId: string;
      readonly admin: Principal;
      readonly reading: VisitReading;
      readonly decision: ReviewDecision;
      /** Health IDs for a new resident and the newborns, reserved before the transaction. */
      readonly ids: HealthIdReservation;
      readonly at: Date;
    },
  ): Promise<{ readonly person: Person; readonly encounter: Encounter }>;
};

export const defaultEnvelopeLimits: EnvelopeLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxDepth: 16,
  maxElements: 200_000,
  maxRecords: 1000,
};

/** Vietnam's calendar day of an instant (UTC+7 all year). */
export function vietnamDay(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

const REFORM_2025 = '2025-07-01';
const HANOI = '01';

/** A hồ sơ's files in one canonical form: the same content hashes the same however its FILEHOSO were ordered. */
function contentHash(files: readonly EnvelopeFile[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0))) {
    hash.update(`${file.type}\n${file.base64}\n`);
  }
  return hash.digest('hex');
}

type Sender = {
  readonly principal: Principal;
  readonly unitId: string;
  readonly facilityCode: string;
  readonly name: string;
};

/**
 * The QĐ 130 intake (Art. 20): a hospital's hồ sơ become hospital visits on the residents' records, through the
 * record's one commit path. Each hồ sơ is read and checked on its own and answered accepted (with the resident's
 * health ID), replaced (a corrected re-send: the same encounter, a new version), unchanged (sent before: nothing
 * changes), review (several residents match, or nobody does and the address names no station: kept for the
 * district), or refused (every fault, by field and rule). The patient is matched (`matchPatient`) or created under the
 * station of the address, with a health ID from the server's own pool; newborns of a birth certificate are created
 * with their mother. A care relationship starts with the first accepted visit. Every hồ sơ leaves a receipt with its
 * files, encrypted, whatever its outcome.
 */
export function createHospitalIntake(deps: {
  readonly db: Database;
  readonly cipher: DocumentCipher;
  readonly audit: AuditLog;
  readonly clock: { now(): Date };
  readonly registry: CollectionRegistry;
  readonly commit: RecordCommit;
  readonly blind: BlindIndex;
  readonly healthIdKey: HealthIdKey;
  readonly healthIds: ServerHealthIds;
  readonly limits?: EnvelopeLimits;
}): HospitalIntake {
  const limits = deps.limits ?? defaultEnvelopeLimits;
  const hlc = createHlc({ node: 'server', now: () => deps.clock.now().getTime() });
  let icd10: Promise<Icd10Index> | undefined;
  const personsOrNone = deps.registry.personCollection;
  const encountersOrNone = deps.registry.get('encounters');
  if (personsOrNone === undefined || encountersOrNone === undefined) {
    throw new Error('the intake needs persons and encounters');
  }
  const persons: ReplicatedCollection = personsOrNone;
  const encounters: ReplicatedCollection = encountersOrNone;

  async function senderOf(principal: Principal): Promise<Result<Sender, IntakeIssueCode>> {
    const [unit] = await deps.db
      .select({ facilityCode: orgUnits.facilityCode, name: orgUnits.name })
      .from(orgUnits)
      .where(eq(orgUnits.id, principal.orgUnitId));
    if (unit?.facilityCode == null) return fail(intakeIssue('facility-unknown'));
    return ok({ principal, unitId: principal.orgUnitId, facilityCode: unit.facilityCode, name: unit.name });
  }

  /** The station of the patient's address, when it is a Hanoi commune of the 2025 scheme on the visit's date. */
  async function addressStation(tx: Transaction, reading: VisitReading): Promise<string | undefined> {
    const address = reading.patient.address;
    // Before the reform hospitals coded the old communes, whose codes were reused with new meanings: not guessed.
    if (address === undefined || address.provinceCode !== HANOI || reading.date < REFORM_2025)
      return undefined;
    return communeStationId(tx, address.communeCode, reading.date);
  }

  async function storedDoc<D>(tx: Transaction, collection: string, id: string): Promise<D | undefined> {
    const row = (await lockDocuments(tx, collection, [id])).get(id);
    return row === undefined || row.deleted
      ? undefined
      : (decryptDocument(deps.cipher, row.keyId, row.body) as D);
  }

  function seal(value: unknown): { keyId: string; body: Uint8Array } {
    return deps.cipher.encrypt(value);
  }

  async function writeReceipt(
    tx: Transaction,
    sender: Sender,
    receipt: {
      readonly at: Date;
      readonly position: number;
      readonly visitKey: string | undefined;
      readonly outcome: IntakeOutcome;
      readonly issues: readonly Issue[];
      readonly dischargedOn: string | undefined;
      readonly files: readonly EnvelopeFile[] | undefined;
    },
  ): Promise<number> {
    const receivedOn = vietnamDay(receipt.at);
    const sealed =
      receipt.files === undefined ? undefined : seal({ files: receipt.files, issues: receipt.issues });
    const [row] = await tx
      .insert(intakeReceipts)
      .values({
        facilityCode: sender.facilityCode,
        hospitalUnitId: sender.unitId,
        receivedAt: receipt.at,
        receivedOn,
        visitKey: receipt.visitKey ?? null,
        position: receipt.position,
        outcome: receipt.outcome,
        issueCodes: [...new Set(receipt.issues.map((issue) => issue.code))],
        dischargedOn: receipt.dischargedOn ?? null,
        late: receipt.dischargedOn !== undefined && receipt.dischargedOn < receivedOn,
        keyId: sealed?.keyId ?? null,
        body: sealed?.body ?? null,
      })
      .returning({ id: intakeReceipts.id });
    if (row === undefined) throw new Error('intake receipt insert returned nothing');
    await deps.audit.appendDeferred(tx, [
      {
        action: 'intake-received',
        actorAccountId: sender.principal.accountId,
        actorDeviceId: sender.principal.deviceId,
        orgUnitId: sender.unitId,
        targetType: 'intake-receipt',
        targetId: String(row.id),
        detail: {
          outcome: receipt.outcome,
          position: receipt.position,
          codes: [...new Set(receipt.issues.map((i) => i.code))],
        },
      },
    ]);
    return row.id;
  }

  /**
   * Stores the visit on the resident `personId` (or on a resident created from the hồ sơ, under `create.stationId`),
   * with its newborns, in the record transaction: documents, health-ID index, consequences, care relationship.
   */
  async function acceptVisit(
    record: RecordTransaction,
    sender: Sender,
    reading: VisitReading,
    decision:
      | { readonly personId: string }
      | { readonly create: { readonly stationId: string; readonly communeCode: string } },
    ids: HealthIdReservation,
    write: IntakeWrite,
  ): Promise<{ person: Person; encounter: Encounter; replaced: boolean }> {
    const { tx } = record;
    const plan: WritePlan = new Map();
    const createdPersons: Person[] = [];
    let person: Person;
    let personScope: string;
    if ('personId' in decision) {
      const scopes = await lockPersonScopes(tx, persons.name, [decision.personId], 'update');
      const found = await storedDoc<Person>(tx, persons.name, decision.personId);
      const scope = scopes.get(decision.personId);
      if (found === undefined || scope === undefined) throw new Error('a matched resident is not stored');
      person = found;
      personScope = scope;
    } else {
      person = personFromVisit(
        reading,
        {
          id: randomUUID(),
          healthId: ids.take(),
          stationId: decision.create.stationId,
          communeCode: decision.create.communeCode,
        },
        write,
      );
      personScope = person.orgUnitId;
      createdPersons.push(person);
    }
    for (const newborn of reading.newborns) {
      const id = newbornPersonId(reading.facilityCode, reading.visitKey, newborn.position);
      if ((await storedDoc<Person>(tx, persons.name, id)) !== undefined) continue;
      createdPersons.push(
        newbornFromVisit(newborn, person, { id, healthId: ids.take(), simulated: reading.simulated }, write),
      );
    }
    const encounterId = hospitalEncounterId(reading.facilityCode, reading.visitKey);
    const previous = await storedDoc<Encounter>(tx, encounters.name, encounterId);
    const encounter = encounterFromVisit(
      reading,
      {
        personId: person.id,
        hospitalUnitId: sender.unitId,
        hospitalName: sender.name,
        synthetic: person.synthetic,
        previous,
      },
      write,
    );
    await planDocuments(record, persons, createdPersons, new Map(), sender.principal, write.at, plan);
    await planDocuments(
      record,
      encounters,
      [encounter],
      new Map([[person.id, personScope]]),
      sender.principal,
      write.at,
      plan,
    );
    const grants = await planCareGrants(
      tx,
      deps.registry,
      {
        unitId: sender.unitId,
        grantedBy: sender.principal.userName,
        acceptedRecords: new Map([[person.id, `${encounters.name}/${encounterId}`]]),
        at: write.at,
      },
      plan,
    );
    await record.write(plan, write.at);
    if (grants.length > 0) {
      await deps.audit.appendDeferred(
        tx,
        grants.map((grant) => ({
          action: 'care-relationship-started' as const,
          actorAccountId: sender.principal.accountId,
          orgUnitId: sender.unitId,
          targetType: 'persons',
          targetId: grant.personId,
          detail: { unitId: grant.unitId, grantedBy: grant.grantedBy, documents: grant.documents },
        })),
      );
    }
    return { person, encounter, replaced: previous !== undefined };
  }

  /** Adds validated, encrypted documents to `plan` with their placement, health-ID index and consequences. */
  async function planDocuments(
    record: RecordTransaction,
    collection: ReplicatedCollection,
    docs: readonly Record<string, unknown>[],
    personScopes: ReadonlyMap<string, string>,
    actor: Principal,
    at: Date,
    plan: WritePlan,
  ): Promise<void> {
    if (docs.length === 0) return;
    const checked = docs.map((doc) => {
      const valid = collection.validate(doc);
      if (!valid.ok)
        throw new Error(
          `intake produced an invalid ${collection.name} document: ${valid.errors[0].code} at ${valid.errors[0].path ?? ''}`,
        );
      return collection.normalize ? collection.normalize(valid.value) : valid.value;
    });
    for (const doc of checked) {
      const sealed = deps.cipher.encrypt(doc);
      plannedWritesOf(plan, collection.name).push({
        id: String(doc[collection.primaryKey]),
        ...placementOf(collection, personScopes, doc),
        deleted: false,
        keyId: sealed.keyId,
        body: sealed.body,
      });
    }
    await storeUniqueKeys(
      record.tx,
      collection,
      checked.map((doc) => ({ id: String(doc[collection.primaryKey]), doc })),
    );
    await planConsequences(record.tx, deps, collection, checked, actor, at, plan);
  }

  /** One readable hồ sơ, in one record transaction. */
  async function receiveVisit(
    sender: Sender,
    position: number,
    reading: VisitReading,
    files: readonly EnvelopeFile[],
    at: Date,
  ): Promise<RecordAnswer> {
    const hash = contentHash(files);
    const dischargedOn = vietnamDay(new Date(reading.hospital.dischargedAt ?? reading.hospital.admittedAt));
    const ids = await deps.healthIds.reserve(1 + reading.newborns.length);
    try {
      return await deps.commit.transaction(async (record) => {
        const { tx } = record;
        const write: IntakeWrite = {
          userName: sender.principal.userName,
          stamp: serializeHlc(hlc.now()),
          at,
        };
        // One hồ sơ at a time per facility and MA_LK: a re-send racing its original waits, then sees it.
        await tx.execute(
          sql`select pg_advisory_xact_lock(hashtextextended(${`intake|${sender.facilityCode}|${reading.visitKey}`}, 0))`,
        );
        const [existing] = await tx
          .select()
          .from(intakeVisits)
          .where(
            and(
              eq(intakeVisits.facilityCode, sender.facilityCode),
              eq(intakeVisits.visitKey, reading.visitKey),
            ),
          );
        const receipt = (outcome: IntakeOutcome, withFiles: boolean) =>
          writeReceipt(tx, sender, {
            at,
            position,
            visitKey: reading.visitKey,
            outcome,
            issues: [],
            dischargedOn,
            files: withFiles ? files : undefined,
          });
        if (existing !== undefined && (existing.contentHash === hash || existing.seenHashes.includes(hash))) {
          await receipt('unchanged', false);
          const person =
            existing.personId === null
              ? undefined
              : await storedDoc<Person>(tx, persons.name, existing.personId);
          return {
            position,
            visitKey: reading.visitKey,
            outcome: 'unchanged',
            healthId: person?.healthId,
            version: existing.version,
            ...(existing.state === 'review'
              ? { reviewReason: (existing.reviewReason ?? undefined) as ReviewReason | undefined }
              : {}),
            issues: [],
          };
        }
        const seenHashes = existing === undefined ? [] : [...existing.seenHashes, existing.contentHash];
        const version = (existing?.version ?? 0) + 1;
        let decision: Parameters<typeof acceptVisit>[3] | undefined;
        let review: { reason: ReviewReason; candidates: string[]; unitId: string | null } | undefined;
        if (existing?.state === 'accepted' && existing.personId !== null) {
          // A corrected re-send stays with the resident its first version was attached to.
          decision = { personId: existing.personId };
        } else {
          const stationId = await addressStation(tx, reading);
          const match = await matchPatient(
            tx,
            { blind: deps.blind, healthIdKey: deps.healthIdKey, personCollection: persons.name },
            reading.patient,
            stationId,
          );
          const [only, ...others] = match.personIds;
          if (only !== undefined && others.length === 0) decision = { personId: only };
          else if (only !== undefined)
            review = { reason: 'ambiguous', candidates: [...match.personIds], unitId: stationId ?? null };
          else if (stationId !== undefined && reading.patient.address !== undefined)
            decision = { create: { stationId, communeCode: reading.patient.address.communeCode } };
          else review = { reason: 'address-unplaceable', candidates: [], unitId: null };
        }
        const receiptId = await receipt(
          review === undefined ? (existing?.state === 'accepted' ? 'replaced' : 'accepted') : 'review',
          true,
        );
        const row = {
          hospitalUnitId: sender.unitId,
          version,
          contentHash: hash,
          seenHashes,
          receiptId,
          updatedAt: at,
        };
        if (review !== undefined || decision === undefined) {
          const reason = review?.reason ?? 'address-unplaceable';
          await tx
            .insert(intakeVisits)
            .values({
              facilityCode: sender.facilityCode,
              visitKey: reading.visitKey,
              state: 'review',
              reviewReason: reason,
              candidates: review?.candidates ?? [],
              reviewUnitId: review?.unitId ?? null,
              firstReceivedAt: at,
              ...row,
            })
            .onConflictDoUpdate({
              target: [intakeVisits.facilityCode, intakeVisits.visitKey],
              set: {
                state: 'review',
                reviewReason: reason,
                candidates: review?.candidates ?? [],
                reviewUnitId: review?.unitId ?? null,
                ...row,
              },
            });
          return {
            position,
            visitKey: reading.visitKey,
            outcome: 'review',
            version,
            reviewReason: reason,
            issues: [],
          };
        }
        const accepted = await acceptVisit(record, sender, reading, decision, ids, write);
        await tx
          .insert(intakeVisits)
          .values({
            facilityCode: sender.facilityCode,
            visitKey: reading.visitKey,
            state: 'accepted',
            personId: accepted.person.id,
            encounterId: accepted.encounter.id,
            firstReceivedAt: at,
            ...row,
          })
          .onConflictDoUpdate({
            target: [intakeVisits.facilityCode, intakeVisits.visitKey],
            set: {
              state: 'accepted',
              reviewReason: null,
              candidates: null,
              reviewUnitId: null,
              personId: accepted.person.id,
              encounterId: accepted.encounter.id,
              ...row,
            },
          });
        return {
          position,
          visitKey: reading.visitKey,
          outcome: accepted.replaced ? 'replaced' : 'accepted',
          healthId: accepted.person.healthId,
          version,
          issues: [],
        };
      });
    } finally {
      ids.release();
    }
  }

  return {
    async readKept(receiptId) {
      const [row] = await deps.db
        .select({ keyId: intakeReceipts.keyId, body: intakeReceipts.body, position: intakeReceipts.position })
        .from(intakeReceipts)
        .where(eq(intakeReceipts.id, receiptId));
      if (row?.keyId == null || row.body === null) return undefined;
      const kept = deps.cipher.decrypt(row.keyId, row.body);
      if (!kept.ok) return undefined;
      const { files } = kept.value as { files: EnvelopeFile[] };
      const record = readEnvelopeRecord({ position: row.position, files }, limits);
      if (!record.ok) return undefined;
      icd10 ??= loadIcd10Full().then(indexIcd10);
      const reading = readHospitalVisit(record.value, { icd10: await icd10, now: deps.clock.now() });
      return reading.ok ? reading.value : undefined;
    },

    async acceptDecided(record, input) {
      const [unit] = await record.tx
        .select({ facilityCode: orgUnits.facilityCode, name: orgUnits.name })
        .from(orgUnits)
        .where(eq(orgUnits.id, input.hospitalUnitId));
      if (unit?.facilityCode == null) throw new Error('a kept visit of a unit without a facility code');
      const sender: Sender = {
        principal: input.admin,
        unitId: input.hospitalUnitId,
        facilityCode: unit.facilityCode,
        name: unit.name,
      };
      const write: IntakeWrite = {
        userName: input.admin.userName,
        stamp: serializeHlc(hlc.now()),
        at: input.at,
      };
      return acceptVisit(record, sender, input.reading, input.decision, input.ids, write);
    },

    async receive(principal, bytes) {
      const sender = await senderOf(principal);
      if (!sender.ok) return sender;
      const envelope = readQd130Envelope(bytes, limits);
      if (!envelope.ok) return envelope;
      if (envelope.value.facilityCode !== sender.value.facilityCode) {
        return fail(
          intakeIssue(
            'facility-not-yours',
            {
              field: 'THONGTINDONVI/MACSKCB',
              code: envelope.value.facilityCode,
              own: sender.value.facilityCode,
            },
            'THONGTINDONVI/MACSKCB',
          ),
        );
      }
      icd10 ??= loadIcd10Full().then(indexIcd10);
      const list = await icd10;
      const at = deps.clock.now();
      const answers: RecordAnswer[] = [];
      for (const item of envelope.value.records) {
        const refuse = async (
          issues: readonly Issue[],
          visitKey: string | undefined,
          files: readonly EnvelopeFile[],
        ) => {
          await deps.db.transaction((tx) =>
            writeReceipt(tx, sender.value, {
              at,
              position: item.position,
              visitKey,
              outcome: 'refused',
              issues,
              dischargedOn: undefined,
              files,
            }),
          );
          answers.push({ position: item.position, visitKey, outcome: 'refused', issues });
        };
        const rawFiles = item.files.map((file) => ({
          type: file.type,
          base64: file.base64.replace(/\s+/g, ''),
        }));
        const record = readEnvelopeRecord(item, limits);
        if (!record.ok) {
          await refuse(record.errors, visitKeyOf(item, limits), rawFiles);
          continue;
        }
        const reading = readHospitalVisit(record.value, { icd10: list, now: at });
        const visitKey = record.value.tables.get('XML1')?.[0]?.get('MA_LK');
        if (!reading.ok) {
          await refuse(
            reading.errors.map((issue) => ({
              ...issue,
              path: issue.path?.includes('/') ? issue.path : `XML1/${issue.path ?? ''}`,
            })),
            visitKey,
            record.value.files,
          );
          continue;
        }
        if (reading.value.facilityCode !== sender.value.facilityCode) {
          await refuse(
            [
              intakeIssue(
                'facility-not-yours',
                { field: 'MA_CSKCB', code: reading.value.facilityCode, own: sender.value.facilityCode },
                'XML1/MA_CSKCB',
              ),
            ],
            visitKey,
            record.value.files,
          );
          continue;
        }
        answers.push(await receiveVisit(sender.value, item.position, reading.value, record.value.files, at));
      }
      return ok({ facilityCode: sender.value.facilityCode, receivedAt: at.toISOString(), records: answers });
    },
  };
}
