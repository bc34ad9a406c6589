import { z } from 'zod';
import { mergeablePersonGroups, type MergeablePersonGroup } from '#shared/schemas/field-groups.ts';
import { stationStatusReport } from '#shared/schemas/station-status-report.ts';

/**
 * The sync server's admin answers as the console reads them (see the server's route files and `/openapi.json`).
 * Objects are not strict: a field the server adds later is ignored rather than breaking the console.
 */

const instant = z.string();

export const accountView = z.object({
  id: z.string(),
  userName: z.string(),
  displayName: z.string(),
  /** Kept as text: a role the console does not know grants nothing in it (`menu-access.ts`). */
  role: z.string(),
  orgUnitId: z.string(),
  status: z.enum(['active', 'locked', 'closed']),
  statusReason: z.enum(['admin', 'self-request', 'inactivity']).nullable(),
  mustChangePassword: z.boolean(),
  lockedUntil: instant.nullable(),
  lastLoginAt: instant.nullable(),
  passwordChangedAt: instant.nullable(),
  createdAt: instant,
});
export type AccountView = z.infer<typeof accountView>;

export const loginAnswer = z.object({
  token: z.string(),
  expiresAt: instant,
  mustChangePassword: z.boolean(),
  account: accountView,
});
export const accountAnswer = z.object({ account: accountView });
export const accountsAnswer = z.object({ accounts: z.array(accountView), nextAfter: z.string().nullable() });
export const createdAccountAnswer = z.object({ account: accountView, initialPassword: z.string() });
/** The user name a new account would get (Art. 7.1) and the prefix any edit must keep. */
export const userNamePreviewAnswer = z.object({ userName: z.string(), prefix: z.string() });
export const passwordResetAnswer = z.object({ account: accountView, temporaryPassword: z.string() });
/** Failed sign-ins in the admin's scope: by source (`ip:…` or `device:…`) and by account targeted. */
export const signInAttacksAnswer = z.object({
  since: instant,
  sources: z.array(
    z.object({
      source: z.string(),
      failures: z.number(),
      accounts: z.number(),
      unknownNames: z.number(),
      firstAt: instant,
      lastAt: instant,
    }),
  ),
  accounts: z.array(
    z.object({
      accountId: z.string(),
      userName: z.string(),
      orgUnitId: z.string(),
      failures: z.number(),
      sources: z.number(),
      lastAt: instant,
    }),
  ),
});
export type SignInAttacksView = z.infer<typeof signInAttacksAnswer>;

/** A station's own report (counts, times and codes; no health data). */
export const stationReport = stationStatusReport.loose();
export type StationReport = z.infer<typeof stationReport>;

export const stationRow = z.object({
  deviceId: z.string(),
  deviceLabel: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  reportedAt: instant.nullable(),
  report: stationReport.nullable(),
  stale: z.boolean(),
  healthIdsLow: z.boolean(),
  hasRecordErrors: z.boolean(),
  clockWrong: z.boolean(),
  /** The device's last backup as its access log says (null: none yet; absent from servers that do not tell). */
  lastBackupAt: instant.nullable().optional(),
});
export type StationRow = z.infer<typeof stationRow>;
export const stationsAnswer = z.object({ stations: z.array(stationRow) });

export const historyBucket = z.object({
  hour: instant,
  areaId: z.string(),
  areaName: z.string(),
  reports: z.number(),
  stations: z.number(),
  pendingChanges: z.number(),
  maxLagSeconds: z.number(),
});
export type HistoryBucket = z.infer<typeof historyBucket>;
export const stationsHistoryAnswer = z.object({ buckets: z.array(historyBucket) });

export const stationHistoryPoint = z.object({
  reportedAt: instant,
  pendingChanges: z.number(),
  oldestPendingAgeSeconds: z.number().nullable().optional(),
  lastSyncAt: instant.nullable().optional(),
});
export type StationHistoryPoint = z.infer<typeof stationHistoryPoint>;
export const stationHistoryAnswer = z.object({ points: z.array(stationHistoryPoint) });

export const deviceView = z.object({
  id: z.string(),
  orgUnitId: z.string(),
  label: z.string(),
  enrolledAt: instant,
  revokedAt: instant.nullable(),
  lastSeenAt: instant.nullable(),
});
export type DeviceView = z.infer<typeof deviceView>;
export const devicesAnswer = z.object({ devices: z.array(deviceView) });
export const deviceAnswer = z.object({ device: deviceView });
export const enrolmentCodeAnswer = z.object({ code: z.string(), expiresAt: instant });

export const quarantineSummary = z.object({
  id: z.number(),
  collection: z.string(),
  documentId: z.string(),
  orgUnitId: z.string().nullable(),
  accountId: z.string().nullable(),
  deviceId: z.string().nullable(),
  reason: z.string(),
  reasonMessage: z.string(),
  createdAt: instant,
  resolvedAt: instant.nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.string().nullable(),
  note: z.string().nullable(),
});
export type QuarantineSummary = z.infer<typeof quarantineSummary>;
export const quarantineListAnswer = z.object({ entries: z.array(quarantineSummary) });
export const quarantineDetail = quarantineSummary.extend({
  write: z.object({ assumedMasterState: z.unknown().optional(), newDocumentState: z.unknown() }),
  current: z.object({ document: z.unknown(), deleted: z.boolean() }).nullable(),
});
export type QuarantineDetail = z.infer<typeof quarantineDetail>;

export const mergeSummary = z.object({
  id: z.number(),
  collection: z.string(),
  documentId: z.string(),
  scopeUnitId: z.string(),
  accountId: z.string().nullable(),
  deviceId: z.string().nullable(),
  rules: z.array(z.string()),
  createdAt: instant,
});
export type MergeSummary = z.infer<typeof mergeSummary>;
export const mergesAnswer = z.object({ merges: z.array(mergeSummary) });
export const mergeDecision = z
  .object({
    group: z.string(),
    field: z.string().optional(),
    rule: z.string(),
    outcome: z.string(),
  })
  .loose();
export const mergeDetail = mergeSummary.extend({
  merge: z.object({
    base: z.unknown().nullable(),
    ours: z.unknown(),
    theirs: z.unknown(),
    merged: z.unknown(),
    decisions: z.array(mergeDecision),
  }),
});
export type MergeDetail = z.infer<typeof mergeDetail>;

export const auditEntry = z.object({
  seq: z.number(),
  at: instant,
  actorAccountId: z.string().nullable(),
  actorDeviceId: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  orgUnitId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntry>;
export const auditAnswer = z.object({ entries: z.array(auditEntry) });
/** One verification of the audit chain (the server's `AuditVerificationView`). */
export const auditVerification = z.object({
  ok: z.boolean(),
  /** The chain is verified from entry 1 up to this entry. */
  entries: z.number(),
  /** Entries this verification checked. */
  checked: z.number(),
  full: z.boolean(),
  startedAt: instant,
  finishedAt: instant,
  firstBrokenSeq: z.number().optional(),
  /** `sequence-gap`, `link-broken`, `hash-mismatch`, `signature-invalid`, `verified-entry-changed`. */
  reason: z.string().optional(),
});
export type AuditVerification = z.infer<typeof auditVerification>;
export const auditVerificationAnswer = z.object({ latest: auditVerification.nullable() });

/**
 * One resident of a potential duplicate pair as the list shows it (the server's `CandidateSide`): visible when managed
 * inside the admin's subtree, otherwise nothing of it at all.
 */
export const duplicateSide = z.discriminatedUnion('visible', [
  z.object({
    visible: z.literal(true),
    id: z.string(),
    fullName: z.string(),
    dateOfBirth: z.string(),
    sex: z.string(),
    healthId: z.string(),
    status: z.string(),
    /** Where the resident is managed (a commune station). */
    orgUnitId: z.string(),
  }),
  z.object({ visible: z.literal(false) }),
]);
export type DuplicateSide = z.infer<typeof duplicateSide>;

export const duplicateCandidate = z.object({
  id: z.number(),
  /** `personal-id`, `bhxh-number`, `name-birth-sex`, `short-name-birth-sex`; kept as text so a reason added later is shown as it comes. */
  reasons: z.array(z.string()),
  /** `open`, `not-duplicate` or `merged`. */
  state: z.string(),
  createdAt: instant,
  resolvedAt: instant.nullable(),
  resolvedBy: z.string().nullable(),
  note: z.string().nullable(),
  survivorId: z.string().nullable(),
  /** `decide`: both records are in the admin's subtree; `own-side`: one is, and `decider` decides. */
  access: z.enum(['decide', 'own-side']),
  /** The lowest unit whose subtree holds both records: who decides about the pair. */
  decider: z.object({ id: z.string(), name: z.string() }).nullable(),
  a: duplicateSide,
  b: duplicateSide,
});
export type DuplicateCandidate = z.infer<typeof duplicateCandidate>;
export const duplicatesAnswer = z.object({ candidates: z.array(duplicateCandidate) });

/** A resident's whole record, opened for review: the fields the console reads by name, the others as they come. */
export const duplicatePerson = z
  .object({
    id: z.string(),
    healthId: z.string(),
    fullName: z.string(),
    createdAt: instant,
    orgUnitId: z.string(),
    status: z.string(),
    mergedInto: z.string().optional(),
  })
  .loose();
export type DuplicatePerson = z.infer<typeof duplicatePerson>;
/** A pair opened side by side: `persons` are the pair's `a` and `b`, in that order (`null`: managed elsewhere). */
export const duplicateDetail = duplicateCandidate.extend({
  persons: z.tuple([duplicatePerson.nullable(), duplicatePerson.nullable()]),
});
export type DuplicateDetail = z.infer<typeof duplicateDetail>;

/** The field groups an admin chooses between when merging two records, as the server's merge takes them. */
export const mergeableGroups = mergeablePersonGroups;
export type MergeableGroup = MergeablePersonGroup;
/** Per field group, whose value the survivor keeps: its own or the other record's (absent: its own). */
export type MergeTake = Partial<Record<MergeableGroup, 'survivor' | 'other'>>;

export const duplicateMergeOutcome = z.object({
  survivorId: z.string(),
  loserId: z.string(),
  takenGroups: z.array(z.string()),
  /** Exams and doses given to the survivor (by a merge) or back to the other record (by an undo). */
  repointed: z.number(),
});
export type DuplicateMergeOutcome = z.infer<typeof duplicateMergeOutcome>;

/** Answers with no body (204) or whose body the console does not read. */
export const noAnswer = z.unknown();
