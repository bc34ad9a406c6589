import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../common/format/format-date.ts';
import type { QuarantineSummary } from '#shared/server-api/review.ts';

/** What became of a refused write: dismissed or re-applied, when, and the admin's note. */
export function QuarantineResolution({ entry }: { entry: QuarantineSummary }) {
  const { t } = useTranslation();
  if (entry.resolution === null) return null;
  const label =
    entry.resolution === 'dismissed' || entry.resolution === 'reapplied'
      ? t(`admin.review.resolutions.${entry.resolution}`)
      : entry.resolution;
  return (
    <Space direction="vertical" size={0}>
      <Tag color={entry.resolution === 'reapplied' ? 'green' : 'default'}>{label}</Tag>
      {entry.resolvedAt === null ? null : (
        <Typography.Text type="secondary">{formatDateTime(entry.resolvedAt)}</Typography.Text>
      )}
      {entry.note === null ? null : (
        <Typography.Text>{t('admin.review.resolvedNote', { note: entry.note })}</Typography.Text>
      )}
    </Space>
  );
}
