import { Alert, Card, Descriptions, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../common/format/format-date.ts';
import type { DuplicateDetail } from '../api/admin-wire.ts';
import { duplicateStateLabel } from '../ui/labels.ts';
import { PairSide } from './PairSide.tsx';
import { ReasonTags } from './ReasonTags.tsx';

/**
 * A pair whose other record is managed outside the admin's subtree: the admin's own resident, why the pair was found
 * and which unit decides (the lowest unit above both, which sees both records). Nothing of the other record is shown.
 */
export function OwnSidePair({ pair, back }: { pair: DuplicateDetail; back: ReactNode }) {
  const { t } = useTranslation();
  const decider = pair.decider?.name ?? t('admin.duplicates.decider');
  const own = pair.a.visible ? pair.a : pair.b;
  return (
    <Space direction="vertical" size="large" className="hssk-page" data-testid="duplicate-pair-own-side">
      {back}
      <Typography.Title level={2}>{t('admin.duplicates.pairTitle', { id: pair.id })}</Typography.Title>
      <Alert
        type="info"
        showIcon
        message={t('admin.duplicates.ownSideTitle', { unit: decider })}
        description={t('admin.duplicates.ownSideExplain', { unit: decider })}
      />
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('admin.duplicates.columns.reasons')}>
          <ReasonTags reasons={pair.reasons} />
        </Descriptions.Item>
        <Descriptions.Item label={t('admin.duplicates.columns.found')}>
          {formatDateTime(pair.createdAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('admin.duplicates.columns.result')}>
          <Tag color={pair.state === 'merged' ? 'green' : pair.state === 'open' ? 'gold' : 'default'}>
            {duplicateStateLabel(pair.state, t)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('admin.duplicates.decider')}>{decider}</Descriptions.Item>
      </Descriptions>
      <Card title={t('admin.duplicates.ownSideRecord')} size="small">
        <PairSide side={own} decider={decider} />
      </Card>
    </Space>
  );
}
