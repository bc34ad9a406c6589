import { Button, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { formatDateTime } from '../../common/format/format-date.ts';
import type { DuplicateCandidate } from '#shared/server-api/duplicates.ts';
import { useConsole } from '../state/console-context.ts';
import { duplicateStateLabel } from '../ui/labels.ts';
import { ProblemNotice } from '../ui/ProblemNotice.tsx';
import { useAdminQuery } from '../ui/use-admin-query.ts';
import { PairSide } from './PairSide.tsx';
import { ReasonTags } from './ReasonTags.tsx';

type ListState = 'open' | 'resolved';

/**
 * Potential duplicate residents where either is managed in the admin's subtree (the server decides which), newest
 * first: the pairs waiting for review, or those already merged or found to be two people.
 */
export function DuplicatesPage({ state }: { state: ListState }) {
  const { t } = useTranslation();
  const { api, navigation } = useConsole();
  const go = useStore(navigation, (s) => s.go);
  const list = useAdminQuery(`duplicates:${state}`, () => api.call('duplicates.list', { state, limit: 200 }));
  return (
    <Space direction="vertical" size="large" className="hssk-page" data-testid="duplicates">
      <Typography.Title level={2}>{t('admin.duplicates.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('admin.duplicates.hint')}</Typography.Paragraph>
      <Segmented<ListState>
        value={state}
        onChange={(next) => {
          go(next === 'resolved' ? { name: 'duplicates', state: 'resolved' } : { name: 'duplicates' });
        }}
        options={[
          { value: 'open', label: t('admin.duplicates.open') },
          { value: 'resolved', label: t('admin.duplicates.resolved') },
        ]}
      />
      {list.state.status === 'failed' ? (
        <ProblemNotice problem={list.state.problem} />
      ) : (
        <Table<DuplicateCandidate>
          rowKey="id"
          size="small"
          data-testid="duplicates-table"
          loading={list.state.status === 'loading'}
          dataSource={list.state.status === 'ok' ? list.state.value.candidates : []}
          locale={{
            emptyText: t(state === 'open' ? 'admin.duplicates.empty' : 'admin.duplicates.emptyResolved'),
          }}
          pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
          columns={[
            {
              key: 'a',
              title: t('admin.duplicates.columns.a'),
              render: (_, c) => <PairSide side={c.a} decider={c.decider?.name} />,
            },
            {
              key: 'b',
              title: t('admin.duplicates.columns.b'),
              render: (_, c) => <PairSide side={c.b} decider={c.decider?.name} />,
            },
            {
              key: 'reasons',
              title: t('admin.duplicates.columns.reasons'),
              render: (_, c) => (
                <Space direction="vertical" size={4}>
                  <ReasonTags reasons={c.reasons} />
                </Space>
              ),
            },
            {
              key: 'found',
              title: t('admin.duplicates.columns.found'),
              render: (_, c) => formatDateTime(c.createdAt),
            },
            ...(state === 'resolved'
              ? [
                  {
                    key: 'result',
                    title: t('admin.duplicates.columns.result'),
                    render: (_: unknown, c: DuplicateCandidate) => (
                      <Space direction="vertical" size={0}>
                        <Tag color={c.state === 'merged' ? 'green' : 'default'}>
                          {duplicateStateLabel(c.state, t)}
                        </Tag>
                        {c.resolvedAt === null ? null : (
                          <Typography.Text type="secondary">{formatDateTime(c.resolvedAt)}</Typography.Text>
                        )}
                        {c.note === null ? null : (
                          <Typography.Text>
                            {t('admin.duplicates.resolvedNote', { note: c.note })}
                          </Typography.Text>
                        )}
                      </Space>
                    ),
                  },
                ]
              : []),
            {
              key: 'open',
              title: '',
              render: (_, c) => (
                <Button
                  size="small"
                  onClick={() => {
                    go({ name: 'duplicates', id: c.id });
                  }}
                >
                  {t('admin.duplicates.view')}
                </Button>
              ),
            },
          ]}
        />
      )}
    </Space>
  );
}
