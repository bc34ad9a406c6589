import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { formatDateTime } from '../../common/format/format-date.ts';
import { useConsole } from '../app/console-context.ts';
import { collectionLabel, mergeRuleLabel } from '../ui/labels.ts';
import { ProblemNotice } from '../ui/ProblemNotice.tsx';
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
  const entry = useAdminQuery(`merge:${String(id)}`, () => api.call('merge-open', { id }));
  const back = (
    <Button
      type="link"
      icon={<ArrowLeftOutlined />}
      className="hssk-crumb"
      onClick={() => {
        go({ name: 'merges' });
      }}
    >
      {t('admin.back')}
    </Button>
  );
  if (entry.state.status === 'failed')
    return (
      <Space direction="vertical" className="hssk-page">
        {back}
        <ProblemNotice problem={entry.state.problem} />
      </Space>
    );
  if (entry.state.status === 'loading') return back;
  const value = entry.state.value;
  return (
    <Space direction="vertical" size="large" className="hssk-page" data-testid="merge-entry">
      {back}
      <Typography.Title level={2}>{t('admin.review.mergeTitle', { id: value.id })}</Typography.Title>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('admin.review.columns.when')}>
          {formatDateTime(value.createdAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('admin.review.columns.collection')}>
          {collectionLabel(value.collection, t)}
        </Descriptions.Item>
        <Descriptions.Item label={t('admin.review.columns.document')}>{value.documentId}</Descriptions.Item>
        <Descriptions.Item label={t('admin.review.columns.unit')}>
          {orgs.name(value.scopeUnitId)}
        </Descriptions.Item>
        <Descriptions.Item label={t('admin.review.columns.device')}>
          {value.deviceId ?? t('admin.none')}
        </Descriptions.Item>
      </Descriptions>
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
    </Space>
  );
}
