import { z } from 'zod';
import { auditActionGroupNames, auditActions } from './audit-actions.ts';
import { limitParam, sequenceParam } from './query-params.ts';

/**
 * The audit routes of the admin console: searching the log (`GET /admin/audit`) and verifying its hash chain
 * (`GET /admin/audit/verification`, `POST /admin/audit/verify`).
 */

const idText = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/);
export const auditSearchQuery = z.strictObject({
  targetId: idText.optional(),
  actor: idText.optional().describe('An account id or a device id'),
  userName: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .optional()
    .describe('A user name: the acts of that account, and those a station credited to it'),
  healthId: z
    .string()
    .regex(/^\d{13}$/, 'Mã định danh y tế gồm 13 chữ số.')
    .optional()
    .describe("A resident's health ID: the acts on that resident's record"),
  action: z.enum(auditActions).optional(),
  actionGroup: z
    .enum(auditActionGroupNames as [string, ...string[]])
    .optional()
    .describe('read, print, export, merge or sync'),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  before: sequenceParam.optional(),
  limit: limitParam(500).optional(),
});

const auditEntry = z.object({
  seq: z.number(),
  at: z.string(),
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

/**
 * Why the audit chain is broken at an entry: `sequence-gap` (an entry removed or inserted), `link-broken` (its
 * previous hash is not the entry before's), `hash-mismatch` (its content changed), `signature-invalid` (the signature
 * that covers the entries from this one on is not the server's: one of them was forged and the hashes after it
 * rewritten), `unsigned-tail` (the chain ends in entries no signature covers: added after the server's last signed
 * append), `verified-entry-changed` (the entry an earlier verification ended on is no longer the same).
 */
export const auditBreakReasons = [
  'sequence-gap',
  'link-broken',
  'hash-mismatch',
  'signature-invalid',
  'unsigned-tail',
  'verified-entry-changed',
] as const;
export type AuditBreakReason = (typeof auditBreakReasons)[number];

/** One verification of the audit chain. */
export const auditVerification = z.object({
  ok: z.boolean(),
  /** Entries found intact from the first: the chain is verified up to entry `entries`. */
  entries: z.number(),
  /** Entries this verification checked (the new ones since the last, or all for a full one). */
  checked: z.number(),
  full: z.boolean(),
  startedAt: z.string(),
  finishedAt: z.string(),
  firstBrokenSeq: z.number().optional(),
  /** One of `auditBreakReasons`. */
  reason: z.string().optional(),
});
export type AuditVerification = z.infer<typeof auditVerification>;
export const auditVerificationAnswer = z.object({ latest: auditVerification.nullable() });
/** `full`: verify every entry, not only those appended since the last verification that held. */
export const auditVerifyRequest = z.strictObject({ full: z.boolean().optional() }).optional();
