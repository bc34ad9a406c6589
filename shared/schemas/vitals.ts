import { z } from 'zod';
import type { JsonSchema } from 'rxdb';
import { computeBmi } from '../clinical/bmi.ts';
import { jsonObject } from './json-schema-parts.ts';

/**
 * QĐ 831 part D 2.1, vital signs and anthropometry. The bounds reject typing slips (a temperature of 365, a weight
 * in grams), not unusual patients; they are wide on purpose. `bmi` is computed from weight and height, never typed.
 */
const bounds = {
  pulse: { min: 0, max: 300, integer: true },
  temperatureC: { min: 25, max: 45, integer: false },
  systolic: { min: 0, max: 300, integer: true },
  diastolic: { min: 0, max: 250, integer: true },
  respiratoryRate: { min: 0, max: 150, integer: true },
  weightKg: { min: 0, max: 500, integer: false },
  heightCm: { min: 0, max: 300, integer: false },
  bmi: { min: 0, max: 200, integer: false },
  waistCm: { min: 0, max: 300, integer: false },
} as const;
type VitalSign = keyof typeof bounds;

const measure = (sign: VitalSign) => {
  const { min, max, integer } = bounds[sign];
  return (integer ? z.int() : z.number()).min(min).max(max).exactOptional();
};

export const vitals = z.strictObject({
  pulse: measure('pulse'),
  temperatureC: measure('temperatureC'),
  systolic: measure('systolic'),
  diastolic: measure('diastolic'),
  respiratoryRate: measure('respiratoryRate'),
  weightKg: measure('weightKg'),
  heightCm: measure('heightCm'),
  bmi: measure('bmi'),
  waistCm: measure('waistCm'),
});
export type Vitals = z.infer<typeof vitals>;

export const vitalsJson: JsonSchema = jsonObject(
  Object.fromEntries(
    Object.entries(bounds).map(([sign, { min, max, integer }]) => [
      sign,
      { type: integer ? 'integer' : 'number', minimum: min, maximum: max },
    ]),
  ),
);

/** The vitals with `bmi` recomputed from weight and height by `computeBmi`; without `bmi` when it cannot be computed. */
export function withBmi(measured: Vitals): Vitals {
  const rest: Vitals = { ...measured };
  delete rest.bmi;
  const bmi = computeBmi(measured.weightKg, measured.heightCm);
  return bmi.ok && bmi.value <= bounds.bmi.max ? { ...rest, bmi: bmi.value } : rest;
}
