import { and, desc, eq, gte, inArray, isNotNull, lte, max, sql } from 'drizzle-orm';
import type { IntakeFiguresAnswer, IntakeRefusal } from '#shared/server-api/interop.ts';
import type { DocumentCipher } from '../crypto/document-cipher.ts';
import type { Database } from '../db/database.ts';
import { intakeReceipts } from '../db/schema/intake.ts';
import { orgUnits } from '../db/schema/org-units.ts';
import { vietnamDay } from './hospital-intake.ts';

const DEFAULT_DAYS = 14;
const DEFAULT_SILENT_DAYS = 3;
const MAX_REFUSALS = 500;

type Query = {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly silentDays?: number | undefined;
};

export type IntakeFigures = {
  /** Figures of every hospital and clinic, or of one facility (a hospital's own view). */
  figures(query: Query, facilityCode?: string): Promise<IntakeFiguresAnswer>;
  refusals(facilityCode: string, query: Query): Promise<{ name: string; items: IntakeRefusal[] } | undefined>;
};

const addDays = (isoDay: string, days: number) =>
  new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The same-day check of the hospitals' intake (Art. 20, 13.3, 14.5), from the receipts alone (no body is decrypted
 * for figures): per day and per facility, hồ sơ received, accepted, replaced, unchanged, kept for review, refused, and
 * late (received after the day of NGAY_RA); every hospital and clinic with a facility code is listed, those that sent
 * nothing for `silentDays` days marked silent. The refusals of one facility are read from their encrypted receipts.
 */
export function createIntakeFigures(deps: {
  readonly db: Database;
  readonly cipher: DocumentCipher;
  readonly clock: { now(): Date };
}): IntakeFigures {
  const period = (query: Query) => {
    const to = query.to ?? vietnamDay(deps.clock.now());
    const from = query.from ?? addDays(to, -(DEFAULT_DAYS - 1));
    return { from: from <= to ? from : to, to };
  };
  const countsOf = (rows: readonly { outcome: string; late: boolean; n: number }[]) => {
    const by = (outcome: string) =>
      rows.filter((r) => r.outcome === outcome).reduce((sum, r) => sum + r.n, 0);
    return {
      received: rows.reduce((sum, r) => sum + r.n, 0),
      accepted: by('accepted'),
      replaced: by('replaced'),
      unchanged: by('unchanged'),
      review: by('review'),
      refused: by('refused'),
      late: rows.filter((r) => r.late).reduce((sum, r) => sum + r.n, 0),
    };
  };
  return {
    async figures(query, facilityCode) {
      const { from, to } = period(query);
      const silentDays = query.silentDays ?? DEFAULT_SILENT_DAYS;
      const own = facilityCode === undefined ? sql`true` : eq(intakeReceipts.facilityCode, facilityCode);
      const rows = await deps.db
        .select({
          facilityCode: intakeReceipts.facilityCode,
          day: sql<string>`to_char(${intakeReceipts.receivedOn}, 'YYYY-MM-DD')`,
          outcome: intakeReceipts.outcome,
          late: intakeReceipts.late,
          n: sql<number>`count(*)::int`,
        })
        .from(intakeReceipts)
        .where(and(own, gte(intakeReceipts.receivedOn, from), lte(intakeReceipts.receivedOn, to)))
        .groupBy(
          intakeReceipts.facilityCode,
          intakeReceipts.receivedOn,
          intakeReceipts.outcome,
          intakeReceipts.late,
        );
      const units = await deps.db
        .select({ id: orgUnits.id, name: orgUnits.name, facilityCode: orgUnits.facilityCode })
        .from(orgUnits)
        .where(
          and(
            inArray(orgUnits.kind, ['hospital', 'clinic']),
            isNotNull(orgUnits.facilityCode),
            facilityCode === undefined ? sql`true` : eq(orgUnits.facilityCode, facilityCode),
          ),
        )
        .orderBy(orgUnits.facilityCode);
      const last = await deps.db
        .select({
          facilityCode: intakeReceipts.facilityCode,
          day: sql<string>`to_char(${max(intakeReceipts.receivedOn)}, 'YYYY-MM-DD')`,
        })
        .from(intakeReceipts)
        .where(and(own, lte(intakeReceipts.receivedOn, to)))
        .groupBy(intakeReceipts.facilityCode);
      const lastOf = new Map(last.map((row) => [row.facilityCode, row.day]));
      const silentSince = addDays(to, -(silentDays - 1));
      const days: IntakeFiguresAnswer['days'] = [];
      for (let current = from; current <= to; current = addDays(current, 1)) {
        days.push({ day: current, ...countsOf(rows.filter((row) => row.day === current)) });
      }
      return {
        from,
        to,
        silentDays,
        days,
        facilities: units.flatMap((unit) => {
          if (unit.facilityCode === null) return [];
          const lastReceivedOn = lastOf.get(unit.facilityCode) ?? null;
          return [
            {
              facilityCode: unit.facilityCode,
              unitId: unit.id,
              name: unit.name,
              ...countsOf(rows.filter((row) => row.facilityCode === unit.facilityCode)),
              lastReceivedOn,
              silent: lastReceivedOn === null || lastReceivedOn < silentSince,
            },
          ];
        }),
      };
    },

    async refusals(facilityCode, query) {
      const { from, to } = period(query);
      const [unit] = await deps.db
        .select({ name: orgUnits.name })
        .from(orgUnits)
        .where(and(eq(orgUnits.facilityCode, facilityCode), inArray(orgUnits.kind, ['hospital', 'clinic'])));
      if (unit === undefined) return undefined;
      const rows = await deps.db
        .select()
        .from(intakeReceipts)
        .where(
          and(
            eq(intakeReceipts.facilityCode, facilityCode),
            eq(intakeReceipts.outcome, 'refused'),
            gte(intakeReceipts.receivedOn, from),
            lte(intakeReceipts.receivedOn, to),
          ),
        )
        .orderBy(desc(intakeReceipts.id))
        .limit(MAX_REFUSALS);
      return {
        name: unit.name,
        items: rows.map((row) => {
          const kept =
            row.keyId === null || row.body === null ? undefined : deps.cipher.decrypt(row.keyId, row.body);
          const issues =
            kept?.ok === true ? ((kept.value as { issues?: IntakeRefusal['issues'] }).issues ?? []) : [];
          return {
            receivedAt: row.receivedAt.toISOString(),
            ...(row.visitKey === null ? {} : { visitKey: row.visitKey }),
            position: row.position,
            issues:
              issues.length > 0
                ? issues.map((issue) => ({
                    code: issue.code,
                    message: issue.message,
                    ...(issue.path === undefined ? {} : { path: issue.path }),
                  }))
                : row.issueCodes.map((code) => ({ code, message: code })),
          };
        }),
      };
    },
  };
}
