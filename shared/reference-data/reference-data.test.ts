import { describe, expect, it } from 'vitest';
import { bhytBeneficiaryGroups } from './bhyt-beneficiary-groups.generated.ts';
import { ethnicGroups } from './ethnic-groups.generated.ts';
import { hanoiCommunes2025 } from './hanoi-communes.generated.ts';
import { hanoiLegacyDistricts } from './hanoi-legacy-districts.generated.ts';
import { icd10Common } from './icd10.generated.ts';
import { provinces } from './provinces.generated.ts';
import { isValidOn } from './reference-types.ts';

const allText = (rows: readonly object[]) =>
  rows.flatMap((r) => Object.values(r).filter((v) => typeof v === 'string'));

describe('shipped reference data', () => {
  it('has the 126 Hanoi communes of 1/7/2025: 51 phường and 75 xã, unique 5-digit codes', () => {
    expect(hanoiCommunes2025.filter((c) => c.kind === 'phuong')).toHaveLength(51);
    expect(hanoiCommunes2025.filter((c) => c.kind === 'xa')).toHaveLength(75);
    expect(new Set(hanoiCommunes2025.map((c) => c.code)).size).toBe(126);
    expect(hanoiCommunes2025.every((c) => /^\d{5}$/.test(c.code) && c.validFrom === '2025-07-01')).toBe(true);
  });

  it('keeps the 30 legacy districts valid only until 30/6/2025', () => {
    expect(hanoiLegacyDistricts).toHaveLength(30);
    expect(hanoiLegacyDistricts.every((d) => isValidOn(d, '2025-06-30') && !isValidOn(d, '2025-07-01'))).toBe(
      true,
    );
  });

  it('keeps every legacy province code and has 34 provinces in force after the reform', () => {
    const codes = new Set(provinces.map((p) => p.code));
    expect(codes.size).toBe(63);
    const inForce = provinces.filter((p) => isValidOn(p, '2026-01-01'));
    expect(inForce).toHaveLength(34);
    expect(inForce.find((p) => p.code === '15')?.name).toBe('Tỉnh Lào Cai');
    expect(provinces.find((p) => p.code === '15' && isValidOn(p, '2025-06-30'))?.name).toBe('Tỉnh Yên Bái');
  });

  it('has the GSO ethnic groups, the BHYT groups and an ICD-10 subset', () => {
    expect(ethnicGroups).toHaveLength(55);
    expect(ethnicGroups.find((e) => e.code === '01')?.name).toBe('Kinh');
    expect(bhytBeneficiaryGroups).toHaveLength(43);
    expect(icd10Common.find((c) => c.code === 'E11.9')).toBeDefined();
    expect(icd10Common.every((c) => /^[A-Z]\d{2}(\.\d{1,2})?$/.test(c.code))).toBe(true);
  });

  it('is entirely NFC text', () => {
    const text = allText([
      ...hanoiCommunes2025,
      ...provinces,
      ...ethnicGroups,
      ...bhytBeneficiaryGroups,
      ...icd10Common,
    ]);
    expect(text.every((t) => t.normalize('NFC') === t)).toBe(true);
  });
});
