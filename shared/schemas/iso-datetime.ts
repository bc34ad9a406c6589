import { z } from 'zod';
import type { JsonSchema } from 'rxdb';

/** An instant in UTC exactly as `Date.prototype.toISOString` writes it: `yyyy-mm-ddTHH:MM:SS.sssZ`. */
export const ISO_DATETIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const isoDateTime = z
  .string()
  .regex(ISO_DATETIME_PATTERN, 'Thời điểm phải có dạng 2026-03-21T08:30:00.000Z (giờ UTC).')
  .refine(isRealInstant, {
    message: 'Thời điểm này không có trong lịch. Kiểm tra lại ngày, giờ.',
    params: { reason: 'iso-datetime-out-of-range' },
  });

export const isoDateTimeJson = {
  type: 'string',
  maxLength: 24,
  pattern: ISO_DATETIME_PATTERN.source,
} as const satisfies JsonSchema;

function isRealInstant(value: string): boolean {
  const ms = Date.parse(value);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === value;
}
