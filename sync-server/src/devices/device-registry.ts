import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import { decodeBase64, encodeBase64 } from '#shared/sync/base64.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { Database } from '../db/database.ts';
import { devices, enrolmentCodes } from '../db/schema/devices.ts';
import { orgUnits } from '../db/schema/org-units.ts';
import { hanoiCalendarDate } from '#shared/dates/hanoi-calendar-date.ts';
import { orgUnitValidOn } from '../org-units/org-unit-valid-on.ts';
import { inOrgUnitSubtree } from '../org-units/org-unit-subtree.ts';
import { deviceIssue, type DeviceIssueCode } from './device-issues.ts';
import { generateEnrolmentCode, hashEnrolmentCode, normalizeEnrolmentCode } from './enrolment-code.ts';

/** How long an enrolment code stays usable after it is issued. */
export const ENROLMENT_CODE_TTL_MS = 72 * 60 * 60 * 1000;

/**
 * The units a device can be enrolled for: a commune station's computers (its replica syncs as the station), and a
 * hospital's or clinic's sending machine (it signs the interop account's requests, `device-bound-requests.ts`).
 */
export const ENROLLING_KINDS: ReadonlySet<string> = new Set(['commune-station', 'hospital', 'clinic']);

/** What admins see of a device; the public key stays on the server. */
export type DeviceView = {
  readonly id: string;
  readonly orgUnitId: string;
  readonly label: string;
  readonly enrolledAt: Date;
  readonly revokedAt: Date | null;
  readonly lastSeenAt: Date | null;
};

/**
 * Devices: admins issue one-time enrolment codes for the commune stations, hospitals and clinics of their subtree
 * (`ENROLLING_KINDS`), a station app or a hospital's sending machine redeems one to register its Ed25519 public key, and admins list and revoke the devices of their subtree. Every
 * scope check runs in SQL against the org-unit tree; every change is audited in the transaction that makes it.
 * Admin methods expect a city or district admin (routes guard with `requireRole`); any other caller is a bug.
 */
export type DeviceRegistry = {
  issueEnrolmentCode(
    admin: Principal,
    orgUnitId: string,
  ): Promise<Result<{ code: string; expiresAt: Date }, DeviceIssueCode>>;
  /**
   * Anonymous: the code is the credential. Consumes it atomically (one device per code, even under concurrent
   * requests); a wrong, used or expired code writes nothing and says nothing about which it was.
   */
  enrol(input: {
    code: string;
    publicKey: string;
    label: string;
  }): Promise<Result<{ deviceId: string; orgUnitId: string }, DeviceIssueCode>>;
  /** Idempotent: revoking a revoked device returns it unchanged (and audits only the first revocation). */
  revoke(admin: Principal, deviceId: string): Promise<Result<DeviceView, DeviceIssueCode>>;
  /** Devices of `orgUnitId`'s subtree (default: the admin's own), which must lie inside the admin's subtree. */
  list(
    admin: Principal,
    filter: { orgUnitId?: string | undefined; limit: number },
  ): Promise<Result<readonly DeviceView[], DeviceIssueCode>>;
};

/** The roles that manage devices, each inside its own org unit's subtree. */
export const deviceAdminRoles = [
  'city-admin',
  'district-admin',
] as const satisfies readonly Principal['role'][];

function assertDeviceAdmin(principal: Principal): void {
  if (!(deviceAdminRoles as readonly string[]).includes(principal.role)) {
    throw new Error(`device administration called for role ${principal.role}; the route must guard it`);
  }
}

const deviceColumns = {
  id: devices.id,
  orgUnitId: devices.orgUnitId,
  label: devices.label,
  enrolledAt: devices.enrolledAt,
  revokedAt: devices.revokedAt,
  lastSeenAt: devices.lastSeenAt,
};

export function createDeviceRegistry(options: {
  db: Database;
  audit: AuditLog;
  clock: { now(): Date };
  newDeviceId?: () => string;
  newEnrolmentCode?: () => string;
}): DeviceRegistry {
  const { db, audit, clock } = options;
  const newDeviceId = options.newDeviceId ?? randomUUID;
  const newEnrolmentCode = options.newEnrolmentCode ?? (() => generateEnrolmentCode());

  /** The unit when it exists inside the admin's subtree; undefined otherwise (unknown and foreign look alike). */
  async function unitInScope(admin: Principal, orgUnitId: string) {
    const [unit] = await db
      .select({ kind: orgUnits.kind, active: orgUnitValidOn(hanoiCalendarDate(clock.now())) })
      .from(orgUnits)
      .where(and(eq(orgUnits.id, orgUnitId), inOrgUnitSubtree(orgUnits.id, admin.orgUnitId)));
    return unit;
  }

  return {
    async issueEnrolmentCode(admin, orgUnitId) {
      assertDeviceAdmin(admin);
      const unit = await unitInScope(admin, orgUnitId);
      if (unit === undefined) return fail(deviceIssue('org-unit-out-of-scope', { orgUnitId }));
      if (!ENROLLING_KINDS.has(unit.kind)) return fail(deviceIssue('org-unit-not-a-station', { orgUnitId }));
      if (!unit.active) return fail(deviceIssue('org-unit-inactive', { orgUnitId }));
      const code = newEnrolmentCode();
      const normalized = normalizeEnrolmentCode(code);
      if (normalized === undefined) throw new Error('the enrolment code generator produced an invalid code');
      const issuedAt = clock.now();
      const expiresAt = new Date(issuedAt.getTime() + ENROLMENT_CODE_TTL_MS);
      await db.transaction(async (tx) => {
        await tx.insert(enrolmentCodes).values({
          codeHash: hashEnrolmentCode(normalized),
          orgUnitId,
          issuedBy: admin.accountId,
          issuedAt,
          expiresAt,
        });
        await audit.append(tx, {
          action: 'device-enrolment-code-issued',
          actorAccountId: admin.accountId,
          targetType: 'org-unit',
          targetId: orgUnitId,
          orgUnitId,
          detail: { expiresAt: expiresAt.toISOString() },
        });
      });
      return ok({ code, expiresAt });
    },

    async enrol(input) {
      const publicKey = decodeBase64(input.publicKey);
      if (publicKey?.length !== 32) return fail(deviceIssue('device-public-key-invalid', {}, 'publicKey'));
      const normalized = normalizeEnrolmentCode(input.code);
      if (normalized === undefined) return fail(deviceIssue('enrolment-code-invalid', {}, 'code'));
      const deviceId = newDeviceId();
      const now = clock.now();
      return db.transaction(
        async (tx): Promise<Result<{ deviceId: string; orgUnitId: string }, DeviceIssueCode>> => {
          // Row-level: a concurrent redemption waits on this row and then no longer matches `used_at is null`.
          const [redeemed] = await tx
            .update(enrolmentCodes)
            .set({ usedAt: now, deviceId })
            .where(
              and(
                eq(enrolmentCodes.codeHash, hashEnrolmentCode(normalized)),
                isNull(enrolmentCodes.usedAt),
                gt(enrolmentCodes.expiresAt, now),
              ),
            )
            .returning({ orgUnitId: enrolmentCodes.orgUnitId, issuedBy: enrolmentCodes.issuedBy });
          if (redeemed === undefined) return fail(deviceIssue('enrolment-code-invalid', {}, 'code'));
          await tx.insert(devices).values({
            id: deviceId,
            orgUnitId: redeemed.orgUnitId,
            publicKey: encodeBase64(publicKey),
            label: input.label,
            enrolledAt: now,
            enrolledBy: redeemed.issuedBy,
          });
          await audit.append(tx, {
            action: 'device-enrolled',
            actorDeviceId: deviceId,
            targetType: 'device',
            targetId: deviceId,
            orgUnitId: redeemed.orgUnitId,
            detail: { codeIssuedBy: redeemed.issuedBy },
          });
          return ok({ deviceId, orgUnitId: redeemed.orgUnitId });
        },
      );
    },

    async revoke(admin, deviceId) {
      assertDeviceAdmin(admin);
      return db.transaction(async (tx): Promise<Result<DeviceView, DeviceIssueCode>> => {
        const [device] = await tx
          .select(deviceColumns)
          .from(devices)
          .where(and(eq(devices.id, deviceId), inOrgUnitSubtree(devices.orgUnitId, admin.orgUnitId)))
          .for('update');
        if (device === undefined) return fail(deviceIssue('device-not-found', { deviceId }));
        if (device.revokedAt !== null) return ok(device);
        const revokedAt = clock.now();
        await tx
          .update(devices)
          .set({ revokedAt, revokedBy: admin.accountId })
          .where(eq(devices.id, deviceId));
        await audit.append(tx, {
          action: 'device-revoked',
          actorAccountId: admin.accountId,
          targetType: 'device',
          targetId: deviceId,
          orgUnitId: device.orgUnitId,
        });
        return ok({ ...device, revokedAt });
      });
    },

    async list(admin, filter) {
      assertDeviceAdmin(admin);
      const rootId = filter.orgUnitId ?? admin.orgUnitId;
      if (filter.orgUnitId !== undefined && (await unitInScope(admin, filter.orgUnitId)) === undefined) {
        return fail(deviceIssue('org-unit-out-of-scope', { orgUnitId: filter.orgUnitId }));
      }
      const rows = await db
        .select(deviceColumns)
        .from(devices)
        .where(inOrgUnitSubtree(devices.orgUnitId, rootId))
        .orderBy(asc(devices.orgUnitId), asc(devices.enrolledAt), asc(devices.id))
        .limit(filter.limit);
      return ok(rows);
    },
  };
}
