import type { TFunction } from 'i18next';
import { formatDateTime } from '../../common/format/format-date.ts';
import { ageOf } from '../../common/format/format-size.ts';

/** A duration as people say it: "under a minute", "12 minutes", "3 hours", "2 days". */
export function durationText(ms: number, t: TFunction): string {
  const age = ageOf(ms);
  return age.unit === 'now' ? t('admin.duration.now') : t(`admin.duration.${age.unit}`, { count: age.count });
}

/** An ISO time as `dd/mm/yyyy HH:mm` with how long ago it was; a dash when there is none. */
export function whenText(iso: string | null | undefined, now: Date, t: TFunction): string {
  if (iso === null || iso === undefined || iso === '') return t('admin.none');
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const age = ageOf(now.getTime() - at);
  const ago = age.unit === 'now' ? t('time.now') : t(`time.${age.unit}`, { count: age.count });
  return `${formatDateTime(iso)} (${ago})`;
}
