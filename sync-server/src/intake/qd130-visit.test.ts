import { describe, expect, it } from 'vitest';
import { loadIcd10Full } from '#shared/reference-data/icd10-list.ts';
import { readEnvelopeRecord, readQd130Envelope, type EnvelopeFile } from './qd130-envelope.ts';
import { indexIcd10, type Icd10Index } from './qd130-fields.ts';
import { readHospitalVisit } from './qd130-visit.ts';
import { defaultEnvelopeLimits } from './hospital-intake.ts';

const b64 = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');
const row = (element: string, fields: Record<string, string>) =>
  `<${element}>${Object.entries(fields)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('')}</${element}>`;
const envelope = (facility: string, hoso: readonly (readonly EnvelopeFile[])[]) =>
  Buffer.from(
    `<?xml version="1.0" encoding="utf-8"?><GIAMDINHHS><THONGTINDONVI><MACSKCB>${facility}</MACSKCB></THONGTINDONVI>` +
      `<THONGTINHOSO><NGAYLAP>20261207</NGAYLAP><SOLUONGHOSO>${String(hoso.length)}</SOLUONGHOSO><DANHSACHHOSO>${hoso
        .map(
          (files) =>
            `<HOSO>${files.map((f) => `<FILEHOSO><LOAIHOSO>${f.type}</LOAIHOSO><NOIDUNGFILE>${f.base64}</NOIDUNGFILE></FILEHOSO>`).join('')}</HOSO>`,
        )
        .join('')}</DANHSACHHOSO></THONGTINHOSO></GIAMDINHHS>`,
    'utf8',
  );

const xml1 = (fields: Record<string, string> = {}) => ({
  type: 'XML1',
  base64: b64(
    row('TONG_HOP', {
      MA_LK: 'LK1',
      HO_TEN: 'Nguyễn Thị Lan',
      SO_CCCD: '001190000123',
      NGAY_SINH: '199005000000',
      GIOI_TINH: '2',
      MA_THE_BHYT: 'GD4010120000123',
      GT_THE_TU: '20260101',
      GT_THE_DEN: '20261231',
      MA_BENH_CHINH: 'J189',
      MA_BENH_KT: 'I10;E11.9',
      NGAY_VAO: '202612010830',
      NGAY_RA: '202612031000',
      KET_QUA_DTRI: '2',
      MA_LOAI_KCB: '03',
      MA_CSKCB: '01032',
      MATINH_CU_TRU: '01',
      MAXA_CU_TRU: '00070',
      CAN_NANG: '52.50',
      ...fields,
    }),
  ),
});

let icd10: Icd10Index | undefined;
async function read(files: readonly EnvelopeFile[]) {
  icd10 ??= indexIcd10(await loadIcd10Full());
  const parsed = readQd130Envelope(envelope('01032', [files]), defaultEnvelopeLimits);
  if (!parsed.ok) throw new Error(parsed.errors[0].code);
  const [item] = parsed.value.records;
  if (item === undefined) throw new Error('no hồ sơ');
  const record = readEnvelopeRecord(item, defaultEnvelopeLimits);
  if (!record.ok) return record;
  return readHospitalVisit(record.value, { icd10, now: new Date('2026-12-07T03:00:00Z') });
}
const codes = (result: { ok: boolean; errors?: readonly { code: string; path?: string }[] }) =>
  result.ok ? [] : (result.errors ?? []).map((e) => `${e.code}@${e.path ?? ''}`);

describe('readQd130Envelope', () => {
  it('refuses what is not a hồ sơ giám định as a whole', () => {
    const refused = (xml: string) => {
      const result = readQd130Envelope(Buffer.from(xml), defaultEnvelopeLimits);
      return result.ok ? 'ok' : result.errors[0].code;
    };
    expect(refused('<HOSO/>')).toBe('envelope-root-wrong');
    expect(refused('<GIAMDINHHS><THONGTINHOSO/></GIAMDINHHS>')).toBe('envelope-part-missing');
    expect(
      refused(
        '<GIAMDINHHS><THONGTINDONVI><MACSKCB>01032</MACSKCB></THONGTINDONVI><THONGTINHOSO><DANHSACHHOSO/></THONGTINHOSO></GIAMDINHHS>',
      ),
    ).toBe('envelope-empty');
    const many = readQd130Envelope(envelope('01032', [[xml1()], [xml1()], [xml1()]]), {
      ...defaultEnvelopeLimits,
      maxRecords: 2,
    });
    expect(many.ok ? 'ok' : many.errors[0].code).toBe('envelope-too-many-records');
  });

  it('finds each hồ sơ’s own faults: base64 that is not, a table twice, an unknown type, XML1 missing', () => {
    const parsed = readQd130Envelope(
      envelope('01032', [
        [xml1(), { type: 'XML2', base64: 'not base64!!' }],
        [xml1(), xml1()],
        [xml1(), { type: 'XML99', base64: b64('<A/>') }],
        [{ type: 'XML2', base64: b64('<CHITIEU_CHITIET_THUOC/>') }],
      ]),
      defaultEnvelopeLimits,
    );
    if (!parsed.ok) throw new Error('the envelope is readable');
    const faults = parsed.value.records.map((item) => codes(readEnvelopeRecord(item, defaultEnvelopeLimits)));
    expect(faults[0]).toEqual(['record-base64-invalid@XML2/NOIDUNGFILE']);
    expect(faults[1]).toEqual(['record-file-repeated@XML1']);
    expect(faults[2]).toEqual(['record-file-type-unknown@LOAIHOSO']);
    expect(faults[3]).toEqual(['table-record-missing@XML2', 'record-file-missing@XML1']);
  });
});

describe('readHospitalVisit', () => {
  it('reads XML1 and the tables into a visit: ICD-10 written without the dot, a birth month with an unknown day', async () => {
    const result = await read([
      xml1(),
      {
        type: 'XML4',
        base64: b64(
          `<CHITIEU_CHITIET_DICHVUCANLAMSANG><DSACH_CHI_TIET_CLS>${row('CHI_TIET_CLS', {
            MA_LK: 'LK1',
            MA_DICH_VU: '23.0075.1494',
            TEN_CHI_SO: 'Glucose',
            GIA_TRI: '5.8',
            DON_VI_DO: 'mmol/L',
            NGAY_KQ: '202612011000',
          })}</DSACH_CHI_TIET_CLS></CHITIEU_CHITIET_DICHVUCANLAMSANG>`,
        ),
      },
      {
        type: 'XML14',
        base64: b64(row('CHI_TIEU_GIAYHEN_KHAMLAI', { MA_LK: 'LK1', NGAY_HEN_KL: '20261210' })),
      },
    ]);
    if (!result.ok) throw new Error(codes(result).join());
    const visit = result.value;
    expect(visit.patient).toMatchObject({
      dateOfBirth: '1990-05',
      sex: 'female',
      personalId: '001190000123',
    });
    expect(visit.diagnoses.map((d) => [d.icd10, d.primary])).toEqual([
      ['J18.9', true],
      ['I10', false],
      ['E11.9', false],
    ]);
    expect(visit.date).toBe('2026-12-01');
    expect(visit.hospital.admittedAt).toBe('2026-12-01T01:30:00.000Z');
    expect(visit.labs).toEqual([
      {
        serviceCode: '23.0075.1494',
        name: 'Glucose',
        value: '5.8',
        unit: 'mmol/L',
        resultDate: '2026-12-01',
      },
    ]);
    expect(visit.hospital.followUp).toEqual({ date: '2026-12-10' });
    expect(visit.weightKg).toBe(52.5);
  });

  it('refuses with every fault, each by field and rule', async () => {
    const result = await read([
      xml1({
        NGAY_RA: '202611301000',
        MA_BENH_CHINH: 'Q99.99',
        MA_THE_BHYT: 'GD40101',
        NGAY_SINH: '19900532',
        GIOI_TINH: '4',
        CAN_NANG: '52,5',
      }),
      {
        type: 'XML2',
        base64: b64(
          `<CHITIEU_CHITIET_THUOC><DSACH_CHI_TIET_THUOC>${row('CHI_TIET_THUOC', { MA_LK: 'LK2', TEN_THUOC: 'Paracetamol' })}</DSACH_CHI_TIET_THUOC></CHITIEU_CHITIET_THUOC>`,
        ),
      },
    ]);
    expect(codes(result)).toEqual(
      expect.arrayContaining([
        'discharge-before-admission@NGAY_RA',
        'field-icd10-unknown@MA_BENH_CHINH',
        'field-bhyt-card-invalid@MA_THE_BHYT',
        'field-birth-date-format@NGAY_SINH',
        'field-code-invalid@GIOI_TINH',
        'field-number-invalid@CAN_NANG',
        'record-key-mismatch@XML2/MA_LK',
      ]),
    );
    const message = !result.ok
      ? result.errors.find((e) => e.code === 'discharge-before-admission')?.message
      : '';
    expect(message).toContain('202611301000');
  });

  it('refuses dates in the wrong format, a visit in the future and more than 12 secondary codes', async () => {
    const result = await read([
      xml1({
        NGAY_VAO: '01/12/2026 08:30',
        GT_THE_TU: '2026-01-01',
        MA_BENH_KT: Array.from({ length: 13 }, () => 'I10').join(';'),
      }),
    ]);
    expect(codes(result)).toEqual(
      expect.arrayContaining([
        'field-datetime-format@NGAY_VAO',
        'field-date-format@GT_THE_TU',
        'field-icd10-too-many@MA_BENH_KT',
      ]),
    );
    expect(codes(await read([xml1({ NGAY_VAO: '202712010830', NGAY_RA: '202712020830' })]))).toContain(
      'admission-in-future@NGAY_VAO',
    );
  });

  it('reads a birth certificate into a newborn', async () => {
    const result = await read([
      xml1({ MA_BENH_CHINH: 'O80', MA_BENH_KT: '' }),
      {
        type: 'XML9',
        base64: b64(
          `<CHI_TIEU_DU_LIEU_GIAY_CHUNG_SINH><DSACH_GIAYCHUNGSINH>${row('DU_LIEU_GIAY_CHUNG_SINH', {
            MA_LK: 'LK1',
            HO_TEN_NND: 'Nguyễn Thị Lan',
            GIOI_TINH_CON: '1',
            NGAY_SINH_CON: '202612020615',
            CAN_NANG_CON: '3200',
          })}</DSACH_GIAYCHUNGSINH></CHI_TIEU_DU_LIEU_GIAY_CHUNG_SINH>`,
        ),
      },
    ]);
    if (!result.ok) throw new Error(codes(result).join());
    expect(result.value.newborns).toEqual([
      {
        position: 1,
        fullName: undefined,
        dateOfBirth: '2026-12-02',
        sex: 'male',
        weightGrams: 3200,
        motherName: 'Nguyễn Thị Lan',
      },
    ]);
  });
});
