import type { CodeListEntry } from './reference-types.ts';

/** Where an ICD-10 row comes from: TT 06/2026/TT-BYT (from 01/07/2026) or QĐ 4469/QĐ-BYT (before it). */
export type Icd10Source = 'tt06' | 'qd4469';

/**
 * One row of the Vietnamese ICD-10 list: a code's name over a validity period, its source, and its
 * dual-classification mark († for the cause, * for the manifestation; empty otherwise).
 */
export type Icd10Entry = CodeListEntry & { readonly source: Icd10Source; readonly mark: '' | '†' | '*' };

/** Parses the generated rows (`icd10-full.generated.ts`): one tab-separated row per line. */
export function icd10Entries(rows: string): Icd10Entry[] {
  return rows.split('\n').map((line) => {
    const [code = '', name = '', validFrom = '', validTo = '', source = '', mark = ''] = line.split('\t');
    if (source !== 'tt06' && source !== 'qd4469') throw new Error(`ICD-10 row of unknown source: ${code}`);
    if (mark !== '' && mark !== '†' && mark !== '*')
      throw new Error(`ICD-10 row with an unknown mark: ${code}`);
    return {
      code,
      name,
      validFrom: validFrom === '' ? null : validFrom,
      validTo: validTo === '' ? null : validTo,
      source,
      mark,
    };
  });
}

/** The full list, parsed once: a large module, imported only when first asked for. */
let full: Promise<readonly Icd10Entry[]> | undefined;
export function loadIcd10Full(): Promise<readonly Icd10Entry[]> {
  full ??= import('./icd10-full.generated.ts').then((module) => icd10Entries(module.icd10FullRows));
  return full;
}
