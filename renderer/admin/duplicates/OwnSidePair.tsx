import { Alert, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../common/format/format-date.ts';
import type { DuplicateDetail } from '#shared/server-api/duplicates.ts';
import { ReviewEntry } from '../ui/ReviewEntry.tsx';
import { DuplicateStateTag } from './DuplicateStateTag.tsx';
import { PairSide } from './PairSide.tsx';
import { ReasonTags } from './ReasonTags.tsx';

/**
 * A pair whose other record is managed outside the admin's subtree: the admin's own resident, why the pair was found
 * and which unit decides (the lowest unit above both, which sees both records). Nothing of the other record is shown.
 */
export function OwnSidePair({ pair, onBack }: { pair: DuplicateDetail; onBack: () => void }) {
  const { t } = useTranslation();
  const decider = pair.decider?.name ?? t('admin.duplicates.decider');
  const own = pair.a.visible ? pair.a : pair.b;
  return (
    <ReviewEntry
      testId="duplicate-pair-own-side"
      onBack={onBack}
      title={t('admin.duplicates.pairTitle', { id: pair.id })}
      notices={
        <Alert
          type="info"
          showIcon
          message={t('admin.duplicates.ownSideTitle', { unit: decider })}
          description={t('admin.duplicates.ownSideExplain', { unit: decider })}
        />
      }
      facts={[
        {
          key: 'reasons',
          label: t('admin.duplicates.columns.reasons'),
          value: <ReasonTags reasons={pair.reasons} />,
        },
        { key: 'found', label: t('admin.duplicates.columns.found'), value: formatDateTime(pair.createdAt) },
        {
          key: 'result',
          label: t('admin.duplicates.columns.result'),
          value: <DuplicateStateTag state={pair.state} />,
        },
        { key: 'decider', label: t('admin.duplicates.decider'), value: decider },
      ]}
    >
      <Card title={t('admin.duplicates.ownSideRecord')} size="small">
        <PairSide side={own} decider={decider} />
      </Card>
    </ReviewEntry>
  );
}
