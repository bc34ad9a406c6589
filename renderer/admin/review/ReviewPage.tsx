import { Button, Segmented, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { formatDateTime } from '../../common/format/format-date.ts';
import type { MergeSummary, QuarantineSummary } from '#shared/server-api/review.ts';
import { useConsole } from '../state/console-context.ts';
import { collectionLabel, mergeRuleLabel } from '../ui/labels.ts';
import { ProblemNotice } from '../ui/ProblemNotice.tsx';
import { useAdminQuery } from '../ui/use-admin-query.ts';
import { QuarantineResolution } from './QuarantineResolution.tsx';

/** Conflicts and quarantine: the writes the server refused (open or resolved) and the merges it made. */
export function ReviewPage({ tab }: { tab: 'quarantine' | 'merges' }) {
  const { t } = useTranslation();
  const { navigation } = useConsole();
  const go = useStore(navigation, (s) => s.go);
  return (
    <Space direction="vertical" size="large" className="hssk-page" data-testid="review">
      <Typography.Title level={2}>{t('admin.nav.review')}</Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          go({ name: key === 'merges' ? 'merges' : 'quarantine' });
        }}
        items={[
          { key: 'quarantine', label: t('admin.review.quarantineTab'), children: <QuarantineList /> },
          { key: 'merges', label: t('admin.review.mergesTab'), children: <MergesList /> },
        ]}
      />
    </Space>
  );
}

function QuarantineList() {
  const { t } = useTranslation();
  const { api, navigation, orgs } = useConsole();
  const go = useStore(navigation, (s) => s.go);
  const [state, setState] = useState<'open' | 'resolved'>('open');
  const list = useAdminQuery(`quarantine:${state}`, () => api.call('quarantine.list', { state, limit: 200 }));
  return (
    <Space direction="vertical" className="hssk-page">
      <Segmented<'open' | 'resolved'>
        value={state}
        onChange={setState}
        options={[
          { value: 'open', label: t('admin.review.open') },
          { value: 'resolved', label: t('admin.review.resolved') },
        ]}
      />
      {list.state.status === 'failed' ? (
        <ProblemNotice problem={list.state.problem} />
      ) : (
        <Table<QuarantineSummary>
          rowKey="id"
          size="small"
          data-testid="quarantine-table"
          loading={list.state.status === 'loading'}
          dataSource={list.state.status === 'ok' ? list.state.value.entries : []}
          locale={{ emptyText: t('admin.review.quarantineEmpty') }}
          pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
          columns={[
            {
              key: 'when',
              title: t('admin.review.columns.when'),
              render: (_, e) => formatDateTime(e.createdAt),
            },
            {
              key: 'collection',
              title: t('admin.review.columns.collection'),
              render: (_, e) => collectionLabel(e.collection, t),
            },
            { key: 'document', title: t('admin.review.columns.document'), dataIndex: 'documentId' },
            { key: 'unit', title: t('admin.review.columns.unit'), render: (_, e) => orgs.name(e.orgUnitId) },
            { key: 'reason', title: t('admin.review.columns.reason'), dataIndex: 'reasonMessage' },
            ...(state === 'resolved'
              ? [
                  {
                    key: 'resolution',
                    title: t('admin.review.columns.resolution'),
                    render: (_: unknown, e: QuarantineSummary) => <QuarantineResolution entry={e} />,
                  },
                ]
              : []),
            {
              key: 'open',
              title: '',
              render: (_, e) => (
                <Button
                  size="small"
                  onClick={() => {
                    go({ name: 'quarantine', id: e.id });
                  }}
                >
                  {t('admin.review.view')}
                </Button>
              ),
            },
          ]}
        />
      )}
    </Space>
  );
}

function MergesList() {
  const { t } = useTranslation();
  const { api, navigation, orgs } = useConsole();
  const go = useStore(navigation, (s) => s.go);
  const list = useAdminQuery('merges', () => api.call('merges.list', { limit: 200 }));
  if (list.state.status === 'failed') return <ProblemNotice problem={list.state.problem} />;
  return (
    <Table<MergeSummary>
      rowKey="id"
      size="small"
      data-testid="merges-table"
      loading={list.state.status === 'loading'}
      dataSource={list.state.status === 'ok' ? list.state.value.merges : []}
      locale={{ emptyText: t('admin.review.mergesEmpty') }}
      pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
      columns={[
        { key: 'when', title: t('admin.review.columns.when'), render: (_, m) => formatDateTime(m.createdAt) },
        {
          key: 'collection',
          title: t('admin.review.columns.collection'),
          render: (_, m) => collectionLabel(m.collection, t),
        },
        { key: 'document', title: t('admin.review.columns.document'), dataIndex: 'documentId' },
        { key: 'unit', title: t('admin.review.columns.unit'), render: (_, m) => orgs.name(m.scopeUnitId) },
        {
          key: 'rules',
          title: t('admin.review.columns.rules'),
          render: (_, m) => (
            <ul className="hssk-plain-list">
              {m.rules.map((rule) => (
                <li key={rule}>{mergeRuleLabel(rule, t)}</li>
              ))}
            </ul>
          ),
        },
        {
          key: 'open',
          title: '',
          render: (_, m) => (
            <Button
              size="small"
              onClick={() => {
                go({ name: 'merges', id: m.id });
              }}
            >
              {t('admin.review.view')}
            </Button>
          ),
        },
      ]}
    />
  );
}
