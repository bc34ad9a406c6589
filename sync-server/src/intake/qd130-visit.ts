import { parsePartialDate, type PartialDate } from '#shared/dates/partial-date.ts';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import { parseBhytCard } from '#shared/identifiers/bhyt-card.ts';
import { parseHealthId } from '#shared/identifiers/health-id.ts';
import { parsePersonalId } from '#shared/identifiers/personal-id.ts';
import { parsePhone } from '#shared/identifiers/phone-number.ts';
import { ethnicGroups } from '#shared/reference-data/ethnic-groups.generated.ts';
import { bhytAreaCodes, type BhytCardRow } from '#shared/schemas/bhyt-card-row.ts';
import type { Diagnosis } from '#shared/schemas/diagnosis.ts';
import {
  dischargeTypes,
  MAX_CLINICAL_COURSE,
  MAX_HOSPITAL_DRUGS,
  MAX_HOSPITAL_SERVICES,
  referralReasons,
  treatmentOutcomes,
  type HospitalVisit,
} from '#shared/schemas/hospital-visit.ts';
import type { LabRow } from '#shared/schemas/lab-row.ts';
import type { PersonSex } from '#shared/schemas/person.ts';
import { TEXT_LIMITS } from '#shared/schemas/text-field.ts';
import { splitFullName } from '#shared/text/split-full-name.ts';
import { intakeIssue, type IntakeIssue, type IntakeIssueCode } from './intake-issues.ts';
import { FieldReader, qd130BirthDate, type Icd10Index } from './qd130-fields.ts';
import type { Qd130Record } from './qd130-envelope.ts';
import type { FieldRow, ReadTableType } from './qd130-tables.ts';

/** Who the hồ sơ is about, as XML1 describes them: what matching uses and what a new resident's part A gets. */
export type PatientFacts = {
  readonly fullName: string;
  readonly dateOfBirth: PartialDate;
  readonly sex: PersonSex;
  /** SO_CCCD when it is a CCCD or CMND (it may also hold a passport number, which matching does not use). */
  readonly personalId?: string | undefined;
  /** MA_BN when the hospital records our health ID there (a valid health ID, check digit included). */
  readonly healthId?: string | undefined;
  readonly bhytCards: readonly BhytCardRow[];
  readonly phone?: string | undefined;
  readonly ethnicityCode?: string | undefined;
  readonly occupationCode?: string | undefined;
  /** MATINH_CU_TRU / MAXA_CU_TRU / DIA_CHI. */
  readonly address?: {
    readonly provinceCode: string;
    readonly communeCode: string;
    readonly detail?: string | undefined;
  };
};

/** A child born during the stay, from a birth certificate row (XML9). */
export type NewbornFacts = {
  readonly position: number;
  readonly fullName: string | undefined;
  readonly dateOfBirth: PartialDate;
  readonly sex: PersonSex;
  readonly weightGrams?: number | undefined;
  readonly motherName?: string | undefined;
};

/** What one hồ sơ says, read and checked: the patient, the visit (as it goes on the encounter), and any newborns. */
export type VisitReading = {
  readonly visitKey: string;
  readonly facilityCode: string;
  /** The visit's local date (NGAY_VAO), the encounter's `date`. */
  readonly date: string;
  readonly patient: PatientFacts;
  readonly diagnoses: Diagnosis[];
  readonly labs: LabRow[];
  readonly weightKg?: number | undefined;
  readonly advice?: string | undefined;
  readonly hospital: Omit<HospitalVisit, 'version' | 'receivedAt'>;
  readonly newborns: readonly NewbornFacts[];
  /** The simulator marks its hồ sơ (DU_PHONG = MO_PHONG), so what it creates is marked synthetic. */
  readonly simulated: boolean;
};

/** The DU_PHONG value the hospital simulator writes; real exporters leave DU_PHONG empty. */
export const SIMULATED_MARK = 'MO_PHONG';

const MAX_SECONDARY_DIAGNOSES = 12;
const sexes: Record<string, PersonSex> = { '1': 'male', '2': 'female', '3': 'unknown' };
const ethnicityCodes = new Set(ethnicGroups.map((group) => group.code));

const clip = (value: string | undefined, max: number) =>
  value === undefined ? undefined : value.length <= max ? value : `${value.slice(0, max - 1)}…`;

/** `T` with every key that may be undefined made optional instead (exact-optional document fields). */
type Defined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/** Drops the keys whose value is undefined, for exact-optional document fields. */
function defined<T extends object>(value: T): Defined<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Defined<T>;
}

/**
 * Reads a hồ sơ's tables into a hospital visit (domain-reference §3.3–3.4): checks every field the record uses with
 * QĐ 130's rules and returns all faults at once (each names its table and field), or the reading. `now` bounds
 * NGAY_VAO (a visit cannot start in the future); `icd10` is the list the codes are checked against on the visit's date.
 */
export function readHospitalVisit(
  record: Qd130Record,
  context: { readonly icd10: Icd10Index; readonly now: Date },
): Result<VisitReading, IntakeIssueCode> {
  const xml1 = record.tables.get('XML1')?.[0];
  if (xml1 === undefined) return fail(intakeIssue('record-file-missing', { label: 'XML1' }, 'XML1'));
  const r = new FieldReader(xml1, 'XML1');
  const visitKey = r.required('MA_LK', 100);
  const fullName = r.required('HO_TEN', TEXT_LIMITS.name);
  const nameCheck = fullName === undefined ? undefined : splitFullName(fullName);
  if (fullName !== undefined && nameCheck?.ok === false) {
    r.add(
      intakeIssue(
        'field-code-invalid',
        {
          label: 'XML1',
          field: 'HO_TEN',
          value: fullName,
          rule: nameCheck.errors[0].message.replace(/\.+$/, ''),
        },
        'HO_TEN',
      ),
    );
  }
  const birthText = r.required('NGAY_SINH', 12);
  const birthDate = birthText === undefined ? undefined : qd130BirthDate(birthText);
  const parsedBirth = birthDate === undefined ? undefined : parsePartialDate(birthDate);
  const dateOfBirth = parsedBirth?.ok === true ? parsedBirth.value : undefined;
  if (birthText !== undefined && dateOfBirth === undefined) {
    r.add(intakeIssue('field-birth-date-format', { label: 'XML1', value: birthText }, 'NGAY_SINH'));
  }
  const sexCode =
    r.required('GIOI_TINH', 1) === undefined
      ? undefined
      : r.code('GIOI_TINH', ['1', '2', '3'], '1 nam, 2 nữ, 3 chưa xác định');
  const facilityCode = r.required('MA_CSKCB', 5);
  r.present('NGAY_VAO');
  const admittedAt = r.dateTime('NGAY_VAO');
  const dischargedAt = r.dateTime('NGAY_RA');
  const inpatientFrom = r.dateTime('NGAY_VAO_NOI_TRU');
  const date =
    admittedAt === undefined
      ? undefined
      : `${r.raw('NGAY_VAO')?.slice(0, 4)}-${r.raw('NGAY_VAO')?.slice(4, 6)}-${r.raw('NGAY_VAO')?.slice(6, 8)}`;
  if (admittedAt !== undefined && dischargedAt !== undefined && dischargedAt < admittedAt) {
    r.add(
      intakeIssue(
        'discharge-before-admission',
        { admittedAt: r.raw('NGAY_VAO') ?? '', dischargedAt: r.raw('NGAY_RA') ?? '' },
        'NGAY_RA',
      ),
    );
  }
  if (admittedAt !== undefined && Date.parse(admittedAt) > context.now.getTime() + 60 * 60 * 1000) {
    r.add(intakeIssue('admission-in-future', { admittedAt: r.raw('NGAY_VAO') ?? '' }, 'NGAY_VAO'));
  }
  if (dateOfBirth !== undefined && date !== undefined && dateOfBirth.slice(0, 10) > date) {
    r.add(intakeIssue('birth-after-admission', {}, 'NGAY_SINH'));
  }

  // Diagnoses: exactly one main code, at most 12 secondary ones, all in the ICD-10 list on the visit's date.
  const onDate = date ?? context.now.toISOString().slice(0, 10);
  const mainCode = r.required('MA_BENH_CHINH', 7);
  const main = mainCode === undefined ? [] : r.icd10('MA_BENH_CHINH', [mainCode], onDate, context.icd10);
  const secondaryCodes = r.list('MA_BENH_KT');
  if (secondaryCodes.length > MAX_SECONDARY_DIAGNOSES) {
    r.add(intakeIssue('field-icd10-too-many', { label: 'XML1', count: secondaryCodes.length }, 'MA_BENH_KT'));
  }
  const secondary = r
    .icd10('MA_BENH_KT', secondaryCodes.slice(0, MAX_SECONDARY_DIAGNOSES), onDate, context.icd10)
    .filter((entry) => !main.some((m) => m.code === entry.code));
  const diagnoses: Diagnosis[] = [
    ...main.map((entry) => ({
      icd10: entry.code,
      name: clip(entry.name, TEXT_LIMITS.name) ?? entry.code,
      primary: true,
    })),
    ...[...new Map(secondary.map((entry) => [entry.code, entry])).values()].map((entry) => ({
      icd10: entry.code,
      name: clip(entry.name, TEXT_LIMITS.name) ?? entry.code,
      primary: false,
    })),
  ];

  // The insurance card(s): several when re-issued during the stay, `;`-separated and aligned with their dates.
  const cardCodes = r.list('MA_THE_BHYT');
  const cardFrom = r.list('GT_THE_TU');
  const cardTo = r.list('GT_THE_DEN');
  const registered = r.list('MA_DKBD');
  const bhytCards: BhytCardRow[] = [];
  cardCodes.forEach((code, i) => {
    const card = parseBhytCard(code);
    if (!card.ok) {
      r.add(
        intakeIssue(
          'field-bhyt-card-invalid',
          { label: 'XML1', value: code, rule: card.errors[0].message.replace(/\.+$/, '') },
          'MA_THE_BHYT',
        ),
      );
      return;
    }
    const validFrom = readListDate(r, 'GT_THE_TU', cardFrom[i]);
    const validTo = readListDate(r, 'GT_THE_DEN', cardTo[i]);
    const facility = registered[i] ?? registered[0];
    const areaText = r.raw('MA_KHUVUC');
    const area = bhytAreaCodes.find((code) => code === areaText);
    bhytCards.push(
      defined({
        code: card.value.code,
        validFrom,
        validTo:
          validFrom !== undefined && validTo !== undefined && validTo < validFrom ? undefined : validTo,
        registeredFacility:
          facility !== undefined && /^\d{2}[0-9A-Z]{3}$/.test(facility) ? facility : undefined,
        areaCode: area,
      }),
    );
  });

  const cccd = r.raw('SO_CCCD') ?? r.raw('MA_DINH_DANH');
  const personalId = cccd === undefined ? undefined : parsePersonalId(cccd);
  const healthIdText = r.raw('MA_BN');
  const healthId = healthIdText === undefined ? undefined : parseHealthId(healthIdText);
  const phoneText = r.raw('DIEN_THOAI');
  const phone = phoneText === undefined ? undefined : parsePhone(phoneText, 'mobile');
  const ethnicity = r.raw('MA_DANTOC');
  const occupation = r.pattern(
    'MA_NGHE_NGHIEP',
    /^\d{5}$/,
    '5 chữ số theo QĐ 34/2020/QĐ-TTg, không có nghề ghi 00000',
  );
  const province = r.pattern('MATINH_CU_TRU', /^\d{2,3}$/, '2 chữ số cuối của mã tỉnh, Hà Nội là 01');
  const commune = r.pattern('MAXA_CU_TRU', /^\d{5}$/, '5 chữ số theo danh mục đơn vị hành chính');
  const weightKg = r.number('CAN_NANG');
  const visitType = r.pattern(
    'MA_LOAI_KCB',
    /^\d{1,2}$/,
    '2 chữ số theo bộ mã DMDC, ví dụ 01 khám bệnh, 03 nội trú',
  );
  const outcome = r.code('KET_QUA_DTRI', treatmentOutcomes, '1 đến 7 theo QĐ 130');
  const dischargeType = r.code('MA_LOAI_RV', dischargeTypes, '1 đến 5 theo QĐ 130');
  const treatmentDays = r.number('SO_NGAY_DTRI');
  const followUpDates = r.list('NGAY_TAI_KHAM');
  const firstFollowUp =
    followUpDates[0] === undefined ? undefined : readListDate(r, 'NGAY_TAI_KHAM', followUpDates[0]);

  const issues: IntakeIssue[] = [...r.issues];
  const matchesKey = (label: ReadTableType, row: FieldRow) => {
    const key = row.get('MA_LK');
    if (key !== undefined && visitKey !== undefined && key !== visitKey) {
      issues.push(
        intakeIssue('record-key-mismatch', { label, value: key, expected: visitKey }, `${label}/MA_LK`),
      );
    }
  };

  const drugs = (record.tables.get('XML2') ?? []).slice(0, MAX_HOSPITAL_DRUGS).flatMap((row) => {
    matchesKey('XML2', row);
    const name = row.get('TEN_THUOC');
    if (name === undefined) return [];
    const quantity = Number(row.get('SO_LUONG'));
    return [
      defined({
        code: clip(row.get('MA_THUOC'), 255),
        name: clip(name, TEXT_LIMITS.name) ?? name,
        strength: clip(row.get('HAM_LUONG'), TEXT_LIMITS.short),
        unit: clip(row.get('DON_VI_TINH'), 50),
        route: clip(row.get('DUONG_DUNG'), TEXT_LIMITS.short),
        dosage: clip(
          [row.get('LIEU_DUNG'), row.get('CACH_DUNG')].filter((x) => x !== undefined).join('; ') || undefined,
          TEXT_LIMITS.line,
        ),
        quantity: Number.isFinite(quantity) && quantity >= 0 && quantity <= 1_000_000 ? quantity : undefined,
      }),
    ];
  });
  const services = (record.tables.get('XML3') ?? []).slice(0, MAX_HOSPITAL_SERVICES).flatMap((row) => {
    matchesKey('XML3', row);
    const name = row.get('TEN_DICH_VU') ?? row.get('TEN_VAT_TU');
    if (name === undefined) return [];
    const quantity = Number(row.get('SO_LUONG'));
    return [
      defined({
        code: clip(row.get('MA_DICH_VU') ?? row.get('MA_VAT_TU'), 50),
        name: clip(name, TEXT_LIMITS.name) ?? name,
        quantity: Number.isFinite(quantity) && quantity >= 0 && quantity <= 1_000_000 ? quantity : undefined,
      }),
    ];
  });
  const labs: LabRow[] = (record.tables.get('XML4') ?? []).slice(0, 200).flatMap((row) => {
    matchesKey('XML4', row);
    const value = row.get('GIA_TRI') ?? row.get('KET_LUAN') ?? row.get('MO_TA');
    const name = row.get('TEN_CHI_SO') ?? row.get('MA_CHI_SO') ?? row.get('MA_DICH_VU');
    if (value === undefined || name === undefined) return [];
    const resultAt = row.get('NGAY_KQ');
    return [
      defined({
        serviceCode: clip(row.get('MA_DICH_VU'), 50),
        indicatorCode: clip(row.get('MA_CHI_SO'), 50),
        name: clip(name, TEXT_LIMITS.name) ?? name,
        value: clip(value, TEXT_LIMITS.line) ?? value,
        unit: clip(row.get('DON_VI_DO'), 50),
        description: clip(row.get('MO_TA'), TEXT_LIMITS.note),
        conclusion: clip(row.get('KET_LUAN'), TEXT_LIMITS.note),
        resultDate:
          resultAt !== undefined && /^\d{8}/.test(resultAt)
            ? `${resultAt.slice(0, 4)}-${resultAt.slice(4, 6)}-${resultAt.slice(6, 8)}`
            : undefined,
      }),
    ];
  });
  const clinicalCourse = (record.tables.get('XML5') ?? []).slice(0, MAX_CLINICAL_COURSE).flatMap((row) => {
    matchesKey('XML5', row);
    const course = row.get('DIEN_BIEN_LS');
    if (course === undefined) return [];
    const reader = new FieldReader(row, 'XML5');
    const at = reader.dateTime('THOI_DIEM_DBLS');
    issues.push(...reader.issues);
    return [
      defined({
        at,
        course: clip(course, TEXT_LIMITS.note) ?? course,
        stage: clip(row.get('GIAI_DOAN_BENH'), TEXT_LIMITS.line),
      }),
    ];
  });

  const summaryParts: string[] = [];
  const discharge = record.tables.get('XML7')?.[0];
  const summary = record.tables.get('XML8')?.[0];
  if (discharge !== undefined) matchesKey('XML7', discharge);
  if (summary !== undefined) matchesKey('XML8', summary);
  const labelled: [string, string | undefined][] = [
    ['Quá trình bệnh lý', summary?.get('QT_BENHLY')],
    ['Tóm tắt kết quả cận lâm sàng', summary?.get('TOMTAT_KQ')],
    ['Phương pháp điều trị', summary?.get('PP_DIEUTRI') ?? discharge?.get('PP_DIEUTRI')],
    ['Ghi chú ra viện', discharge?.get('GHI_CHU')],
  ];
  for (const [label, value] of labelled) if (value !== undefined) summaryParts.push(`${label}: ${value}`);

  const referralRow = record.tables.get('XML13')?.[0];
  if (referralRow !== undefined) matchesKey('XML13', referralRow);
  const referralReader = referralRow === undefined ? undefined : new FieldReader(referralRow, 'XML13');
  const referralReason = referralReader?.code('MA_LYDO_CT', referralReasons, '1, 2 hoặc 3 theo QĐ 130');
  const referralTo = referralRow?.get('MA_NOI_DEN') ?? r.raw('MA_NOI_DEN');
  const referralFrom = r.raw('MA_NOI_DI');
  const referralPaper = referralRow?.get('SO_CHUYENTUYEN') ?? r.raw('GIAY_CHUYEN_TUYEN');
  if (referralReader !== undefined) issues.push(...referralReader.issues);

  const appointmentRow = record.tables.get('XML14')?.[0];
  if (appointmentRow !== undefined) matchesKey('XML14', appointmentRow);
  const appointmentReader =
    appointmentRow === undefined ? undefined : new FieldReader(appointmentRow, 'XML14');
  const appointmentDate = appointmentReader?.date('NGAY_HEN_KL') ?? firstFollowUp;
  if (appointmentReader !== undefined) issues.push(...appointmentReader.issues);

  const newborns: NewbornFacts[] = (record.tables.get('XML9') ?? []).flatMap((row, index) => {
    matchesKey('XML9', row);
    const reader = new FieldReader(row, 'XML9');
    reader.required('NGAY_SINH_CON', 12);
    const born = reader.dateTime('NGAY_SINH_CON');
    const childSex = reader.code('GIOI_TINH_CON', ['1', '2', '3'], '1 nam, 2 nữ, 3 chưa xác định');
    const weightGrams = reader.number('CAN_NANG_CON');
    issues.push(...reader.issues);
    const bornText = row.get('NGAY_SINH_CON');
    const bornOn =
      bornText === undefined
        ? undefined
        : parsePartialDate(`${bornText.slice(0, 4)}-${bornText.slice(4, 6)}-${bornText.slice(6, 8)}`);
    if (born === undefined || bornOn?.ok !== true) return [];
    return [
      {
        position: index + 1,
        fullName: clip(row.get('HO_TEN_CON'), TEXT_LIMITS.name),
        dateOfBirth: bornOn.value,
        sex: sexes[childSex ?? '3'] ?? 'unknown',
        weightGrams,
        motherName: clip(row.get('HO_TEN_NND') ?? fullName, TEXT_LIMITS.name),
      },
    ];
  });

  const [first, ...rest] = issues;
  if (first !== undefined) return fail(first, ...rest);
  if (
    visitKey === undefined ||
    fullName === undefined ||
    dateOfBirth === undefined ||
    sexCode === undefined ||
    facilityCode === undefined ||
    admittedAt === undefined ||
    date === undefined
  ) {
    throw new Error('a required XML1 field was read without an issue');
  }
  const card = bhytCards.at(-1);
  return ok({
    visitKey,
    facilityCode,
    date,
    patient: defined({
      fullName,
      dateOfBirth,
      sex: sexes[sexCode] ?? 'unknown',
      personalId: personalId?.ok === true ? personalId.value.value : undefined,
      healthId: healthId?.ok === true ? healthId.value.value : undefined,
      bhytCards,
      phone: phone?.ok === true ? phone.value : undefined,
      ethnicityCode: ethnicity !== undefined && ethnicityCodes.has(ethnicity) ? ethnicity : undefined,
      occupationCode: occupation !== undefined && occupation !== '00000' ? occupation : undefined,
      address:
        province === undefined || commune === undefined
          ? undefined
          : defined({
              provinceCode: province.slice(-2),
              communeCode: commune,
              detail: clip(r.raw('DIA_CHI'), TEXT_LIMITS.line),
            }),
    }),
    diagnoses,
    labs,
    weightKg:
      weightKg !== undefined && weightKg > 0 && weightKg <= 500
        ? Math.round(weightKg * 100) / 100
        : undefined,
    advice: clip(r.raw('GHI_CHU'), TEXT_LIMITS.note),
    hospital: defined({
      facilityCode,
      visitKey,
      recordNumber: clip(r.raw('MA_HSBA'), 100),
      visitType: visitType?.padStart(2, '0'),
      admittedAt,
      inpatientFrom,
      dischargedAt,
      treatmentDays:
        treatmentDays !== undefined &&
        Number.isInteger(treatmentDays) &&
        treatmentDays >= 0 &&
        treatmentDays <= 999
          ? treatmentDays
          : undefined,
      reasonForVisit: clip(r.raw('LY_DO_VV'), TEXT_LIMITS.line),
      admissionDiagnosis: clip(r.raw('CHAN_DOAN_VAO'), TEXT_LIMITS.note),
      dischargeDiagnosis: clip(r.raw('CHAN_DOAN_RV'), TEXT_LIMITS.note),
      treatment: clip(r.raw('PP_DIEU_TRI'), TEXT_LIMITS.note),
      outcome: outcome as HospitalVisit['outcome'],
      dischargeType: dischargeType as HospitalVisit['dischargeType'],
      insuranceCard: card,
      drugs,
      services,
      clinicalCourse,
      dischargeSummary:
        summaryParts.length === 0 ? undefined : clip(summaryParts.join('\n'), TEXT_LIMITS.note),
      referral:
        referralTo === undefined &&
        referralFrom === undefined &&
        referralPaper === undefined &&
        referralReason === undefined
          ? undefined
          : defined({
              toFacility:
                referralTo !== undefined && /^\d{2}[0-9A-Z]{3}$/.test(referralTo) ? referralTo : undefined,
              fromFacility:
                referralFrom !== undefined && /^\d{2}[0-9A-Z]{3}$/.test(referralFrom)
                  ? referralFrom
                  : undefined,
              paperNumber: clip(referralPaper, 50),
              reason: referralReason as NonNullable<HospitalVisit['referral']>['reason'],
            }),
      followUp:
        appointmentDate === undefined
          ? undefined
          : defined({
              date: appointmentDate,
              paperNumber: clip(appointmentRow?.get('SO_GIAYHEN_KL'), 50),
              note: clip(appointmentRow?.get('GHI_CHU'), TEXT_LIMITS.line),
            }),
    }),
    newborns,
    simulated: r.raw('DU_PHONG') === SIMULATED_MARK,
  });
}

function readListDate(r: FieldReader, field: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const reader = new FieldReader(new Map([[field, value]]), r.label);
  const date = reader.date(field);
  for (const issue of reader.issues) r.add(issue);
  return date;
}
