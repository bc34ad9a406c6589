import type { TFunction } from 'i18next';
import { worklistKinds, type WorklistKind } from '#shared/station-api/station-api.ts';
import { worklistTitles } from '#shared/station-api/worklist-titles.ts';
import { formatDateTime } from '../../common/format/format-date.ts';

const isWorklist = (value: unknown): value is WorklistKind =>
  typeof value === 'string' && (worklistKinds as readonly string[]).includes(value);

/**
 * An audit entry's detail as an admin reads it: the parts the console knows in words (source, list, number of
 * residents, when it happened on the station), any other part as `key: value`. The user a station credited is shown
 * with the actor, not here.
 */
export function auditDetailText(detail: Readonly<Record<string, unknown>>, t: TFunction): string {
  return Object.entries(detail)
    .filter(([key]) => key !== 'userName' && key !== 'eventId')
    .map(([key, value]) => {
      switch (key) {
        case 'source':
          return `${t('admin.audit.detailParts.source')}: ${value === 'station' ? t('admin.audit.detailParts.station') : String(value)}`;
        case 'worklist':
          return `${t('admin.audit.detailParts.worklist')}: ${isWorklist(value) ? worklistTitles[value] : String(value)}`;
        case 'rows':
          return `${t('admin.audit.detailParts.rows')}: ${typeof value === 'number' ? value.toLocaleString('vi-VN') : String(value)}`;
        case 'occurredAt':
          return `${t('admin.audit.detailParts.occurredAt')}: ${typeof value === 'string' ? formatDateTime(value) : String(value)}`;
        case 'unknownUserName':
          return t('admin.audit.detailParts.unknownUserName');
        default:
          return `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`;
      }
    })
    .join(' · ');
}
