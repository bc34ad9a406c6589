import type { Person } from '#shared/schemas/person.ts';
import type { SeededRandom } from '#shared/synthetic/seeded-random.ts';
import type { SimulatedHoso, TableRow } from './qd130-xml.ts';

/**
 * SIMULATOR: realistic QĐ 130 hồ sơ for synthetic patients — an outpatient exam or an inpatient stay with its drugs
 * (XML2), services (XML3), results (XML4) and clinical course (XML5), sometimes a discharge paper, record summary,
 * referral or follow-up appointment, and a birth certificate for a delivery. Marked DU_PHONG = MO_PHONG so that what
 * the intake creates from them is marked synthetic. Never real people.
 */

/** Who a simulated hồ sơ is about (a synthetic resident, or a newcomer the record does not know). */
export type SimulatedPatient = {
  readonly fullName: string;
  /** yyyy, yyyy-mm or yyyy-mm-dd. */
  readonly dateOfBirth: string;
  readonly sex: 'male' | 'female' | 'unknown';
  readonly personalId?: string | undefined;
  readonly bhytCard?: string | undefined;
  readonly communeCode?: string | undefined;
  readonly addressDetail?: string | undefined;
  readonly phone?: string | undefined;
  readonly healthId?: string | undefined;
};

export function patientOf(person: Person): SimulatedPatient {
  return {
    fullName: person.fullName,
    dateOfBirth: person.dateOfBirth,
    sex: person.sex,
    personalId: person.personalId,
    bhytCard: person.bhytCards.at(-1)?.code,
    communeCode: person.currentAddress.communeCode,
    addressDetail: person.currentAddress.detail,
    phone: person.phones[0],
  };
}

/** A local Vietnamese time as QĐ 130 writes it: `yyyyMMddHHmm`. */
export function qd130Time(at: Date): string {
  const local = new Date(at.getTime() + 7 * 60 * 60 * 1000).toISOString();
  return `${local.slice(0, 4)}${local.slice(5, 7)}${local.slice(8, 10)}${local.slice(11, 13)}${local.slice(14, 16)}`;
}

/** NGAY_SINH from a partial date: unknown month and day as 00, time 0000. */
export function qd130BirthDate(dateOfBirth: string): string {
  const [year = '0000', month = '00', day = '00'] = dateOfBirth.split('-');
  return `${year}${month}${day}0000`;
}

const outpatientDiagnoses = ['I10', 'E11.9', 'J06.9', 'K29.7', 'M54.5', 'J20.9', 'E78.5', 'N39.0'];
const inpatientDiagnoses = ['J18.9', 'A09', 'I10', 'E11.9', 'N39.0'];
const drugs = [
  ['40.17', 'Paracetamol', '500mg', 'Viên', 'Uống', '1 viên x 3 lần/ngày'],
  ['40.1', 'Amoxicilin', '500mg', 'Viên', 'Uống', '1 viên x 2 lần/ngày'],
  ['40.677', 'Amlodipin', '5mg', 'Viên', 'Uống', '1 viên buổi sáng'],
  ['40.785', 'Metformin', '850mg', 'Viên', 'Uống', '1 viên x 2 lần/ngày sau ăn'],
  ['40.52', 'Natri clorid 0,9%', '500ml', 'Chai', 'Tiêm truyền', '500ml/ngày truyền tĩnh mạch'],
  ['40.231', 'Omeprazol', '20mg', 'Viên', 'Uống', '1 viên trước ăn sáng'],
] as const;
const services = [
  ['02.1898', 'Khám Nội'],
  ['18.0001.0001', 'Chụp X-quang ngực thẳng'],
  ['23.0020.1494', 'Tổng phân tích tế bào máu ngoại vi'],
  ['23.0075.1494', 'Định lượng Glucose máu'],
  ['21.0014.0001', 'Điện tim thường'],
  ['20.0012.0001', 'Siêu âm ổ bụng'],
] as const;
const labs = [
  ['23.0020.1494', 'WBC', 'Số lượng bạch cầu', () => '7.2', 'G/L'],
  ['23.0020.1494', 'HGB', 'Huyết sắc tố', () => '135', 'g/L'],
  ['23.0075.1494', 'GLU', 'Glucose', () => '5.8', 'mmol/L'],
  ['23.0051.1494', 'CRE', 'Creatinin', () => '82', 'µmol/L'],
  ['23.0158.1494', 'CHOL', 'Cholesterol toàn phần', () => '5.1', 'mmol/L'],
] as const;

export type HosoOptions = {
  readonly facilityCode: string;
  readonly visitKey: string;
  readonly patient: SimulatedPatient;
  /** When an outpatient visit starts; when an inpatient stay nears its end (it began days before). */
  readonly admittedAt: Date;
  readonly inpatient?: boolean;
  readonly followUp?: Date | undefined;
  readonly referralTo?: string | undefined;
  /** A delivery: XML9 with the newborn. */
  readonly newborn?:
    { readonly fullName?: string; readonly sex: 'male' | 'female'; readonly bornAt: Date } | undefined;
};

/** One realistic hồ sơ (XML1–XML5, sometimes XML7/8/13/14, XML9 for a delivery). */
export function simulatedHoso(random: SeededRandom, options: HosoOptions): SimulatedHoso {
  const { patient, facilityCode, visitKey } = options;
  const inpatient = options.inpatient ?? false;
  const days = inpatient ? random.int(2, 7) : 0;
  // An export follows the end of a visit: an inpatient stay ends shortly after `admittedAt` and began `days` before.
  const admitted = inpatient
    ? new Date(options.admittedAt.getTime() - days * 86_400_000)
    : options.admittedAt;
  const discharged = new Date(options.admittedAt.getTime() + random.int(30, 180) * 60_000);
  const main =
    options.newborn === undefined ? random.pick(inpatient ? inpatientDiagnoses : outpatientDiagnoses) : 'O80';
  const secondary = random.chance(0.4)
    ? [random.pick(outpatientDiagnoses)].filter((code) => code !== main)
    : [];
  const card = patient.bhytCard;
  const year = admitted.getUTCFullYear();
  const xml1: TableRow = {
    MA_LK: visitKey,
    STT: '1',
    MA_BN: patient.healthId ?? `BN${random.digits(8)}`,
    HO_TEN: patient.fullName,
    ...(patient.personalId === undefined ? {} : { SO_CCCD: patient.personalId }),
    NGAY_SINH: qd130BirthDate(patient.dateOfBirth),
    GIOI_TINH: patient.sex === 'male' ? '1' : patient.sex === 'female' ? '2' : '3',
    MA_QUOCTICH: '000',
    MA_DANTOC: '01',
    MA_NGHE_NGHIEP: '00000',
    DIA_CHI: patient.addressDetail ?? 'Hà Nội',
    MATINH_CU_TRU: '01',
    ...(patient.communeCode === undefined ? {} : { MAXA_CU_TRU: patient.communeCode }),
    ...(patient.phone === undefined ? {} : { DIEN_THOAI: patient.phone }),
    ...(card === undefined
      ? {}
      : {
          MA_THE_BHYT: card,
          MA_DKBD: '01032',
          GT_THE_TU: `${String(year)}0101`,
          GT_THE_DEN: `${String(year)}1231`,
        }),
    LY_DO_VV: inpatient ? 'Sốt cao, ho, khó thở' : 'Khám định kỳ bệnh mạn tính',
    CHAN_DOAN_VAO: inpatient ? 'Theo dõi viêm phổi' : 'Tăng huyết áp',
    CHAN_DOAN_RV: inpatient ? 'Viêm phổi, đã ổn định' : 'Tăng huyết áp vô căn',
    MA_BENH_CHINH: main,
    ...(secondary.length === 0 ? {} : { MA_BENH_KT: secondary.join(';') }),
    MA_DOITUONG_KCB: '1',
    NGAY_VAO: qd130Time(admitted),
    ...(inpatient ? { NGAY_VAO_NOI_TRU: qd130Time(admitted) } : {}),
    NGAY_RA: qd130Time(discharged),
    SO_NGAY_DTRI: String(inpatient ? days + 1 : 0),
    PP_DIEU_TRI: inpatient ? 'Kháng sinh đường tĩnh mạch, bù dịch' : 'Điều trị ngoại trú theo đơn',
    KET_QUA_DTRI: inpatient ? random.pick(['1', '2']) : '2',
    MA_LOAI_RV: '1',
    GHI_CHU: 'Tái khám đúng hẹn, dùng thuốc theo đơn, ăn nhạt',
    T_THUOC: String(random.int(50, 900) * 1000),
    T_TONGCHI_BV: String(random.int(200, 5000) * 1000),
    NAM_QT: String(year),
    THANG_QT: String(admitted.getUTCMonth() + 1).padStart(2, '0'),
    MA_LOAI_KCB: inpatient ? '03' : '01',
    MA_KHOA: inpatient ? 'K03' : 'K01',
    MA_CSKCB: facilityCode,
    CAN_NANG: (random.int(4500, 7500) / 100).toFixed(2),
    ...(options.followUp === undefined ? {} : { NGAY_TAI_KHAM: qd130Time(options.followUp).slice(0, 8) }),
    MA_HSBA: `HS${random.digits(7)}`,
    DU_PHONG: 'MO_PHONG',
  };
  const drugRows = Array.from({ length: random.int(2, 5) }, (_, i) => {
    const [code, name, strength, unit, route, dosage] = random.pick(drugs);
    return {
      MA_LK: visitKey,
      STT: String(i + 1),
      MA_THUOC: code,
      TEN_THUOC: name,
      DON_VI_TINH: unit,
      HAM_LUONG: strength,
      DUONG_DUNG: route,
      LIEU_DUNG: dosage,
      SO_LUONG: String(random.int(5, 60)),
      DON_GIA: String(random.int(5, 200) * 100),
      NGAY_YL: qd130Time(admitted),
    };
  });
  const serviceRows = Array.from({ length: random.int(2, 5) }, (_, i) => {
    const [code, name] = random.pick(services);
    return {
      MA_LK: visitKey,
      STT: String(i + 1),
      MA_DICH_VU: code,
      TEN_DICH_VU: name,
      SO_LUONG: '1',
      NGAY_YL: qd130Time(admitted),
    };
  });
  const resultAt = qd130Time(new Date(admitted.getTime() + 3 * 3_600_000));
  const labRows = labs
    .slice(0, random.int(3, labs.length))
    .map(([service, indicator, name, value, unit], i) => ({
      MA_LK: visitKey,
      STT: String(i + 1),
      MA_DICH_VU: service,
      MA_CHI_SO: indicator,
      TEN_CHI_SO: name,
      GIA_TRI: value(),
      DON_VI_DO: unit,
      NGAY_KQ: resultAt,
    }));
  const courseRows = Array.from({ length: inpatient ? random.int(2, 4) : 1 }, (_, i) => ({
    MA_LK: visitKey,
    STT: String(i + 1),
    DIEN_BIEN_LS:
      i === 0 ? 'Người bệnh tỉnh, tiếp xúc tốt, sốt nhẹ' : 'Hết sốt, ăn uống được, phổi còn ít ran',
    GIAI_DOAN_BENH: i === 0 ? 'Khởi phát' : 'Ổn định',
    THOI_DIEM_DBLS: qd130Time(new Date(admitted.getTime() + i * 86_400_000)),
  }));
  return {
    xml1,
    xml2: drugRows,
    xml3: serviceRows,
    xml4: labRows,
    xml5: courseRows,
    ...(inpatient
      ? {
          xml7: {
            MA_LK: visitKey,
            SO_LUU_TRU: random.digits(6),
            PP_DIEUTRI: 'Kháng sinh, bù dịch',
            GHI_CHU: 'Ra viện, tái khám sau 7 ngày',
          },
          xml8: {
            MA_LK: visitKey,
            QT_BENHLY: 'Sốt 3 ngày, ho có đờm, khó thở nhẹ',
            TOMTAT_KQ: 'X-quang: đám mờ đáy phổi phải; bạch cầu tăng',
            PP_DIEUTRI: 'Kháng sinh đường tĩnh mạch 5 ngày',
            KET_QUA_DTRI: '2',
          },
        }
      : {}),
    ...(options.referralTo === undefined
      ? {}
      : {
          xml13: {
            MA_LK: visitKey,
            SO_CHUYENTUYEN: random.digits(6),
            MA_NOI_DEN: options.referralTo,
            MA_LYDO_CT: '1',
          },
        }),
    ...(options.followUp === undefined
      ? {}
      : {
          xml14: {
            MA_LK: visitKey,
            SO_GIAYHEN_KL: random.digits(6),
            NGAY_HEN_KL: qd130Time(options.followUp).slice(0, 8),
            GHI_CHU: 'Mang theo đơn thuốc cũ',
          },
        }),
    ...(options.newborn === undefined
      ? {}
      : {
          xml9: [
            {
              MA_LK: visitKey,
              HO_TEN_NND: patient.fullName,
              ...(options.newborn.fullName === undefined ? {} : { HO_TEN_CON: options.newborn.fullName }),
              GIOI_TINH_CON: options.newborn.sex === 'male' ? '1' : '2',
              NGAY_SINH_CON: qd130Time(options.newborn.bornAt),
              CAN_NANG_CON: String(random.int(2600, 3800)),
              SO_CON: '1',
            },
          ],
        }),
  };
}
