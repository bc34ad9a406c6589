import { z } from 'zod';
import type { JsonSchema } from 'rxdb';
import { parsePartialDate } from '../dates/partial-date.ts';

/** A full calendar date `yyyy-mm-dd` (years 1800–2299) that exists in the calendar. */
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const isoDate = z
  .string()
  .regex(ISO_DATE_PATTERN, 'Ngày phải có dạng năm-tháng-ngày, ví dụ 2026-03-21.')
  .refine((value) => parsePartialDate(value).ok, {
    message: 'Ngày này không có trong lịch. Kiểm tra lại ngày và tháng.',
    params: { reason: 'iso-date-out-of-range' },
  });

export const isoDateJson = {
  type: 'string',
  maxLength: 10,
  pattern: ISO_DATE_PATTERN.source,
} as const satisfies JsonSchema;
