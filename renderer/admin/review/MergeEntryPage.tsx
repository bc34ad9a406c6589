import { Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { formatDateTime } from '../../common/format/format-date.ts';
import { useConsole } from '../state/console-context.ts';
import { collectionLabel, mergeRuleLabel } from '../ui/labels.ts';
import { ReviewEntry, ReviewEntryPending } from '../ui/ReviewEntry.tsx';
import { useAdminQuery } from '../ui/use-admin-query.ts';
import { VersionsTable } from './VersionsTable.tsx';

type Decision = { group: string; field?: string | undefined; rule: string; outcome: string };

/**
 * One merge the server made, opened (audited): the common base, the station's and the server's versions and the
 * merged result side by side, with each decision and the rule behind it.
 */
export function MergeEntryPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const { api, navigation, orgs } = useConsole();
  const go = useStore(navigation, (s) => s.go);
  const entry = useAdminQuery(`merge:${String(id)}`, () => api.call('merges.open', { id }));
  const back = () => {
    go({ name: 'merges' });
  };
  if (entry.state.status !== 'ok') return <ReviewEntryPending onBack={back} state={entry.state} />;
  const value = entry.state.value;
  return (
    <ReviewEntry
      testId="merge-entry"
      onBack={back}
      title={t('admin.review.mergeTitle', { id: value.id })}
      facts={[
        { key: 'when', label: t('admin.review.columns.when'), value: formatDateTime(value.createdAt) },
        {
          key: 'collection',
          label: t('admin.review.columns.collection'),
          value: collectionLabel(value.collection, t),
        },
        { key: 'document', label: t('admin.review.columns.document'), value: value.documentId },
        { key: 'unit', label: t('admin.review.columns.unit'), value: orgs.name(value.scopeUnitId) },
        { key: 'device', label: t('admin.review.columns.device'), value: value.deviceId ?? t('admin.none') },
      ]}
    >
      <VersionsTable
        data-testid="merge-versions"
        versions={[
          { label: t('admin.review.base'), document: value.merge.base },
          { label: t('admin.review.ours'), document: value.merge.ours },
          { label: t('admin.review.theirs'), document: value.merge.theirs },
          { label: t('admin.review.merged'), document: value.merge.merged },
        ]}
      />
      <Card title={t('admin.review.decisions')}>
        <Table<Decision>
          rowKey={(d) => `${d.group}:${d.field ?? ''}:${d.rule}`}
          size="small"
          pagination={false}
          dataSource={value.merge.decisions}
          columns={[
            {
              key: 'group',
              title: t('admin.review.group'),
              render: (_, d) => (
                <Typography.Text code>
                  {d.field === undefined ? d.group : `${d.group}.${d.field}`}
                </Typography.Text>
              ),
            },
            { key: 'rule', title: t('admin.review.rule'), render: (_, d) => mergeRuleLabel(d.rule, t) },
            { key: 'outcome', title: t('admin.review.outcome'), dataIndex: 'outcome' },
          ]}
        />
      </Card>
    </ReviewEntry>
  );
}
