import type { JsonSchema } from 'rxdb';
import { optionalTexts, optionalTextsJson } from './optional-texts.ts';
import { TEXT_LIMITS } from './text-field.ts';

/**
 * QĐ 831 part D 2.3.2, findings per organ system, in the form's order: tim mạch, hô hấp, tiêu hóa, tiết niệu,
 * cơ xương khớp, nội tiết, thần kinh, tâm thần, ngoại khoa, sản phụ khoa, tai mũi họng, răng hàm mặt, mắt, da liễu,
 * dinh dưỡng, vận động, khác. Free text each; an absent key means the system was not examined.
 */
export const organSystemKeys = [
  'cardiovascular',
  'respiratory',
  'digestive',
  'urinary',
  'musculoskeletal',
  'endocrine',
  'neurological',
  'psychiatric',
  'surgical',
  'obstetricGynecological',
  'ent',
  'dental',
  'eye',
  'dermatology',
  'nutrition',
  'mobility',
  'other',
] as const;
export type OrganSystem = (typeof organSystemKeys)[number];

export const organSystems = optionalTexts(organSystemKeys, TEXT_LIMITS.line);

export const organSystemsJson: JsonSchema = optionalTextsJson(organSystemKeys, TEXT_LIMITS.line);
