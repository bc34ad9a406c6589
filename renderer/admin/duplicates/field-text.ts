import { ethnicGroups } from '#shared/reference-data/ethnic-groups.generated.ts';
import { hanoiCommunes2025 } from '#shared/reference-data/hanoi-communes.generated.ts';
import { formatPartialDate } from '../../common/format/format-date.ts';
import { flattenDocument } from '../review/version-rows.ts';
import { hasValue } from './pair-rows.ts';

const communes = new Map(hanoiCommunes2025.map((commune) => [commune.code, commune.name]));
const ethnicities = new Map(ethnicGroups.map((group) => [group.code, group.name]));

type Loose = Readonly<Record<string, unknown>>;
const isObject = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
const joined = (parts: readonly unknown[], separator = ', '): string =>
  parts
    .map(textOf)
    .filter((part): part is string => part !== undefined && part.trim() !== '')
    .join(separator);

const dateFields = new Set(['dateOfBirth', 'idIssueDate', 'deathDate']);

/** An address on one line: the detail, then the commune (its name where it is a Hà Nội commune of 2025). */
function addressText(address: Loose): string {
  const code = textOf(address['communeCode']) ?? '';
  const commune = address['scheme'] === 'dvhc-2025' ? (communes.get(code) ?? code) : code;
  return joined([address['detail'], commune]);
}

function bhytCardText(card: unknown): string {
  if (!isObject(card)) return textOf(card) ?? '';
  const from = textOf(card['validFrom']);
  const to = textOf(card['validTo']);
  const period =
    from === undefined && to === undefined
      ? ''
      : ` (${from === undefined ? '…' : formatPartialDate(from)}–${to === undefined ? '…' : formatPartialDate(to)})`;
  return `${textOf(card['code']) ?? ''}${period}`;
}

/** Nested values as `path: value` lines (part B's history, or anything the console has no layout for). */
function linesOf(value: unknown): string {
  return [...flattenDocument(value).entries()]
    .filter(([, text]) => text !== '[]' && text !== '{}' && text !== '')
    .map(([path, text]) => `${path}: ${text}`)
    .join('\n');
}

/**
 * A person field's value as text for the side-by-side review: dates as dd/mm/yyyy, addresses with the commune's
 * name, lists one item a line, nested values as `path: value` lines; '' when there is nothing. Codes with a label in
 * the console's translations (sex) are left to the caller.
 */
export function fieldText(field: string, value: unknown): string {
  if (!hasValue(value)) return '';
  if (dateFields.has(field) && typeof value === 'string') return formatPartialDate(value);
  if (field === 'ethnicityCode' && typeof value === 'string') {
    const name = ethnicities.get(value);
    return name === undefined ? value : `${name} (${value})`;
  }
  if ((field === 'permanentAddress' || field === 'currentAddress') && isObject(value))
    return addressText(value);
  if (field === 'bhytCards' && Array.isArray(value)) return value.map(bhytCardText).join('\n');
  if (field === 'household' && isObject(value)) return joined([value['id'], value['relationToHead']], ' — ');
  if (field === 'caregiver' && isObject(value))
    return joined([value['name'], value['relation'], value['phone']]);
  if (field === 'bloodGroup' && isObject(value))
    return `${textOf(value['abo']) ?? ''}${textOf(value['rh']) ?? ''}`;
  if (Array.isArray(value) && value.every((item) => textOf(item) !== undefined)) return joined(value);
  const plain = textOf(value);
  if (plain !== undefined) return plain;
  if (typeof value === 'boolean') return String(value);
  return linesOf(value);
}
