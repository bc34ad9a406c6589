import type { WorklistKind } from './station-api.ts';

/**
 * The worklists' names on paper, in files and in the console's audit log (the station's screens take theirs from
 * its translations).
 */
export const worklistTitles: Readonly<Record<WorklistKind, string>> = {
  'missing-personal-id': 'Thiếu số CCCD/định danh',
  'missing-phone': 'Thiếu số điện thoại',
  'missing-screening': 'Chưa khám sàng lọc',
  'vaccinations-due': 'Đến hạn tiêm chủng',
  'hospital-follow-ups': 'Hẹn tái khám ở bệnh viện',
  'annual-review': 'Rà soát hằng năm (chuyển đi, tử vong, nghi trùng)',
};
