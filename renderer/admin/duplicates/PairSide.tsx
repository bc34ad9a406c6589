import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatPartialDate } from '../../common/format/format-date.ts';
import type { DuplicateSide } from '#shared/server-api/duplicates.ts';
import { useConsole } from '../state/console-context.ts';
import { personStatusLabel, sexLabel } from '../ui/labels.ts';

/**
 * One resident of a pair in the list: name, date of birth and sex, health ID, and the commune that manages them; for
 * a record managed outside the admin's subtree, only that it exists and who decides (`decider`).
 */
export function PairSide({ side, decider }: { side: DuplicateSide; decider: string | undefined }) {
  const { t } = useTranslation();
  const { orgs } = useConsole();
  if (!side.visible)
    return (
      <Space direction="vertical" size={0} data-testid="pair-side-hidden">
        <Typography.Text type="secondary" italic>
          {t('admin.duplicates.hiddenSide')}
        </Typography.Text>
        {decider === undefined ? null : (
          <Typography.Text type="secondary">
            {t('admin.duplicates.hiddenSideHint', { unit: decider })}
          </Typography.Text>
        )}
      </Space>
    );
  return (
    <Space direction="vertical" size={0}>
      <Typography.Text strong>{side.fullName}</Typography.Text>
      <Typography.Text>
        {formatPartialDate(side.dateOfBirth)} · {sexLabel(side.sex, t)}
      </Typography.Text>
      <Typography.Text type="secondary">
        {t('admin.duplicates.healthId', { healthId: side.healthId })}
      </Typography.Text>
      <Typography.Text type="secondary">{orgs.name(side.orgUnitId)}</Typography.Text>
      {side.status === 'active' ? null : <Tag>{personStatusLabel(side.status, t)}</Tag>}
    </Space>
  );
}
