import { isValidOn } from '#shared/reference-data/reference-types.ts';
import type { Icd10Entry } from '#shared/reference-data/icd10-list.ts';
import { intakeIssue, type IntakeIssue } from './intake-issues.ts';
import type { FieldRow } from './qd130-tables.ts';

/** Vietnam keeps one offset all year (no daylight saving): QĐ 130 times are local, without a zone. */
const VIETNAM_OFFSET_HOURS = 7;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `yyyyMMdd` → `yyyy-mm-dd` when it is a real calendar date. */
export function qd130Date(value: string): string | undefined {
  if (!/^\d{8}$/.test(value)) return undefined;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(4, 6));
  const day = Number(value.slice(6, 8));
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
}

/** `yyyyMMddHHmm` (local Vietnamese time) → the instant as an ISO string in UTC. */
export function qd130DateTime(value: string): string | undefined {
  if (!/^\d{12}$/.test(value) || qd130Date(value.slice(0, 8)) === undefined) return undefined;
  const hour = Number(value.slice(8, 10));
  const minute = Number(value.slice(10, 12));
  if (hour > 23 || minute > 59) return undefined;
  const [year, month, day] = [value.slice(0, 4), value.slice(4, 6), value.slice(6, 8)].map(Number) as [
    number,
    number,
    number,
  ];
  return new Date(Date.UTC(year, month - 1, day, hour - VIETNAM_OFFSET_HOURS, minute)).toISOString();
}

/**
 * NGAY_SINH: `yyyyMMddHHmm` (or the 4210 `yyyyMMdd`) with `00` for an unknown month or day → a partial date
 * (`yyyy`, `yyyy-mm`, `yyyy-mm-dd`), as the record keeps birth dates.
 */
export function qd130BirthDate(value: string): string | undefined {
  if (!/^\d{8}(\d{4})?$/.test(value)) return undefined;
  const year = value.slice(0, 4);
  const month = value.slice(4, 6);
  const day = value.slice(6, 8);
  if (Number(year) < 1850) return undefined;
  if (month === '00') return day === '00' ? year : undefined;
  if (Number(month) > 12) return undefined;
  if (day === '00') return `${year}-${month}`;
  return qd130Date(value.slice(0, 8));
}

/** An ICD-10 code as QĐ 130 files carry it (`J18.9`, `J189`, ` j18.9 `) → the list's form (`J18.9`). */
export function normalizeIcd10(value: string): string {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  return compact.length > 3 && !compact.includes('.')
    ? `${compact.slice(0, 3)}.${compact.slice(3)}`
    : compact;
}

/** The ICD-10 list, indexed by code, to find the entry valid on a visit's date. */
export type Icd10Index = ReadonlyMap<string, readonly Icd10Entry[]>;

export function indexIcd10(entries: readonly Icd10Entry[]): Icd10Index {
  const index = new Map<string, Icd10Entry[]>();
  for (const entry of entries) index.set(entry.code, [...(index.get(entry.code) ?? []), entry]);
  return index;
}

/**
 * Reads the fields of one table row with QĐ 130's formats, collecting every fault as an issue that names the table
 * and field (`label`, e.g. XML1), so one reading reports all of a hồ sơ's faults at once.
 */
export class FieldReader {
  readonly issues: IntakeIssue[] = [];

  constructor(
    private readonly row: FieldRow,
    readonly label: string,
  ) {}

  /** Records a fault; the field then has no value. */
  private fault(issue: IntakeIssue): void {
    this.issues.push(issue);
  }

  text(field: string, max: number): string | undefined {
    const value = this.row.get(field);
    if (value === undefined) return undefined;
    if (value.length > max) {
      this.fault(
        intakeIssue('field-too-long', { label: this.label, field, length: value.length, limit: max }, field),
      );
      return undefined;
    }
    return value;
  }

  /** Records a missing required field whose format another reader checks. */
  present(field: string): void {
    if (!this.row.has(field)) this.fault(intakeIssue('field-missing', { label: this.label, field }, field));
  }

  required(field: string, max: number): string | undefined {
    if (!this.row.has(field)) {
      this.fault(intakeIssue('field-missing', { label: this.label, field }, field));
      return undefined;
    }
    return this.text(field, max);
  }

  /** A value from a closed list of codes, with the rule in words for the message. */
  code(field: string, allowed: readonly string[], rule: string): string | undefined {
    const value = this.row.get(field);
    if (value === undefined) return undefined;
    if (!allowed.includes(value)) {
      this.fault(intakeIssue('field-code-invalid', { label: this.label, field, value, rule }, field));
      return undefined;
    }
    return value;
  }

  /** A value matching `pattern`, with the rule in words for the message. */
  pattern(field: string, pattern: RegExp, rule: string): string | undefined {
    const value = this.row.get(field);
    if (value === undefined) return undefined;
    if (!pattern.test(value)) {
      this.fault(intakeIssue('field-code-invalid', { label: this.label, field, value, rule }, field));
      return undefined;
    }
    return value;
  }

  date(field: string): string | undefined {
    const value = this.row.get(field);
    if (value === undefined) return undefined;
    const date = qd130Date(value);
    if (date === undefined)
      this.fault(intakeIssue('field-date-format', { label: this.label, field, value }, field));
    return date;
  }

  dateTime(field: string): string | undefined {
    const value = this.row.get(field);
    if (value === undefined) return undefined;
    // Some exporters write a date alone where a time is due (and 4210 did for several fields): midnight is meant.
    const full = /^\d{8}$/.test(value) ? `${value}0000` : value;
    const at = qd130DateTime(full);
    if (at === undefined)
      this.fault(intakeIssue('field-datetime-format', { label: this.label, field, value }, field));
    return at;
  }

  /** A decimal number with `.` as the point; `,` (a common slip) is refused with the rule, not guessed. */
  number(field: string): number | undefined {
    const value = this.row.get(field);
    if (value === undefined) return undefined;
    if (!/^-?\d+(\.\d+)?$/.test(value)) {
      this.fault(intakeIssue('field-number-invalid', { label: this.label, field, value }, field));
      return undefined;
    }
    return Number(value);
  }

  /** A `;`-separated list (MA_BENH_KT, MA_THE_BHYT…), without empty items. */
  list(field: string): string[] {
    const value = this.row.get(field);
    if (value === undefined) return [];
    return value
      .split(';')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }

  /** ICD-10 codes valid on `onDate`, with their Vietnamese names; an unknown code is a fault. */
  icd10(
    field: string,
    codes: readonly string[],
    onDate: string,
    list: Icd10Index,
  ): { code: string; name: string }[] {
    const found: { code: string; name: string }[] = [];
    for (const raw of codes) {
      const code = normalizeIcd10(raw);
      const entry = list.get(code)?.find((candidate) => isValidOn(candidate, onDate));
      if (entry === undefined) {
        this.issues.push(intakeIssue('field-icd10-unknown', { label: this.label, field, value: raw }, field));
      } else {
        found.push({ code: entry.code, name: entry.name });
      }
    }
    return found;
  }

  has(field: string): boolean {
    return this.row.has(field);
  }

  raw(field: string): string | undefined {
    return this.row.get(field);
  }

  add(issue: IntakeIssue): void {
    this.issues.push(issue);
  }
}
