/**
 * The small code lists of QĐ 831 part A that have no official file in `../shared/reference-data`:
 * - `educationLevels`: highest level completed, as the population census (GSO) asks it;
 * - `maritalStatuses`: the census's marital-status categories;
 * - `householdRelations`: "Quan hệ với chủ hộ" as household registers write it. It is stored as the label itself,
 *   because records and imports already carry these words; a value outside the list is kept and shown as typed;
 * - `commonNationalities`: ISO 3166-1 alpha-2 codes of the nationalities stations meet most (others are typed as
 *   a code);
 * - `commonReligions`: suggestions for the free-text religion (the 16 religions recognised in Việt Nam, most common
 *   first); anything else may be typed.
 * The Vietnamese labels of the enums live with the apps' other labels.
 */
export const educationLevels = [
  'none',
  'primary',
  'lower-secondary',
  'upper-secondary',
  'vocational',
  'college',
  'university',
  'postgraduate',
] as const;
export type EducationLevel = (typeof educationLevels)[number];

export const maritalStatuses = ['single', 'married', 'widowed', 'divorced', 'separated'] as const;
export type MaritalStatus = (typeof maritalStatuses)[number];

export const householdRelations = [
  'Chủ hộ',
  'Vợ',
  'Chồng',
  'Con',
  'Con dâu',
  'Con rể',
  'Bố',
  'Mẹ',
  'Ông',
  'Bà',
  'Cháu',
  'Anh',
  'Chị',
  'Em',
  'Người ở nhờ',
  'Khác',
] as const;

export const commonNationalities: readonly { readonly code: string; readonly name: string }[] = [
  { code: 'VN', name: 'Việt Nam' },
  { code: 'CN', name: 'Trung Quốc' },
  { code: 'LA', name: 'Lào' },
  { code: 'KH', name: 'Campuchia' },
  { code: 'KR', name: 'Hàn Quốc' },
  { code: 'JP', name: 'Nhật Bản' },
  { code: 'TW', name: 'Đài Loan (Trung Quốc)' },
  { code: 'TH', name: 'Thái Lan' },
  { code: 'US', name: 'Hoa Kỳ' },
  { code: 'FR', name: 'Pháp' },
  { code: 'RU', name: 'Liên bang Nga' },
  { code: 'AU', name: 'Ô-xtrây-li-a' },
];

export const commonReligions = [
  'Không',
  'Phật giáo',
  'Công giáo',
  'Tin lành',
  'Cao Đài',
  'Phật giáo Hòa Hảo',
  'Hồi giáo',
  'Tịnh độ cư sĩ Phật hội Việt Nam',
  'Bửu Sơn Kỳ Hương',
  'Tứ Ân Hiếu Nghĩa',
  'Minh Sư Đạo',
  'Bà-la-môn',
  'Cơ đốc Phục lâm',
  'Phật đường Nam tông Minh Sư đạo',
  'Minh Lý đạo',
  'Bahá’í',
] as const;
