import { z } from 'zod';
import { PARTIAL_DATE_PATTERN } from '../dates/partial-date.ts';

/**
 * The console's view of one resident, found by health ID for an admin whose subtree manages them
 * (`GET /admin/residents?healthId=`), and the district's correction of a recorded death
 * (`POST /admin/residents/:id/death-correction`).
 */
export const residentLookupQuery = z.strictObject({
  healthId: z.string().regex(/^\d{13}$/, 'Mã định danh y tế gồm 13 chữ số.'),
});

export const residentCard = z.object({
  id: z.string(),
  healthId: z.string(),
  fullName: z.string(),
  dateOfBirth: z.string(),
  sex: z.string(),
  status: z.string(),
  deathDate: z.string().optional(),
  orgUnitId: z.string(),
  updatedBy: z.string().optional(),
  updatedAt: z.string(),
});
export type ResidentCard = z.infer<typeof residentCard>;
export const residentCardAnswer = z.object({ resident: residentCard });

export const residentParams = z.strictObject({ id: z.string().min(1).max(40) });

/**
 * A correction of a recorded death: the person is alive (recorded by mistake), or died on another date. The reason
 * (what was checked, with whom) is kept in the audit log.
 */
export const deathCorrectionRequest = z.strictObject({
  correction: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('alive') }),
    z.strictObject({
      kind: z.literal('death-date'),
      deathDate: z
        .string()
        .regex(PARTIAL_DATE_PATTERN, 'Ngày mất dạng năm-tháng-ngày, năm-tháng hoặc năm (ví dụ 2026-11-03).'),
    }),
  ]),
  reason: z
    .string()
    .trim()
    .min(10, 'Ghi lý do sửa (ít nhất 10 ký tự): đã xác minh với ai, giấy tờ nào.')
    .max(500, 'Lý do tối đa 500 ký tự.'),
});
export type DeathCorrectionRequest = z.input<typeof deathCorrectionRequest>;
