import { Card, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingChangeView, StationIssue } from '#shared/station-api/station-api.ts';
import { formatDateTime } from '../../common/format/format-date.ts';
import { useStation } from '../state/station-context.ts';

/**
 * The changes that wait for the server, oldest first, with whose record each is (`sync.pending`): reloaded whenever
 * the pending count moves, so a change disappears from the list once the server has it.
 */
export function PendingChangesCard(props: { pendingCount: number; label: (collection: string) => string }) {
  const { t } = useTranslation();
  const station = useStation();
  const [changes, setChanges] = useState<readonly PendingChangeView[] | null>(null);
  const [total, setTotal] = useState(0);
  const [issue, setIssue] = useState<StationIssue | null>(null);
  useEffect(() => {
    void station.api.call('sync.pending', { limit: 100 }).then((answer) => {
      if (answer.ok) {
        setChanges(answer.value.changes);
        setTotal(answer.value.total);
        setIssue(null);
      } else setIssue(answer.errors[0] ?? null);
    });
  }, [station.api, props.pendingCount]);
  return (
    <Card title={t('syncPanel.pendingTitle')}>
      {issue === null ? null : <Typography.Text type="danger">{issue.message}</Typography.Text>}
      {changes !== null && total > changes.length ? (
        <Typography.Paragraph type="secondary">
          {t('syncPanel.pendingFirst', { shown: changes.length, total })}
        </Typography.Paragraph>
      ) : null}
      <Table<PendingChangeView>
        data-testid="pending-list"
        size="small"
        pagination={false}
        loading={changes === null && issue === null}
        rowKey={(change) => `${change.collection}:${change.documentId}`}
        dataSource={[...(changes ?? [])]}
        locale={{ emptyText: t('syncPanel.nothingPending') }}
        columns={[
          {
            title: t('syncPanel.since'),
            key: 'since',
            width: 150,
            render: (_, c) => formatDateTime(c.since),
          },
          {
            title: t('syncPanel.collection'),
            key: 'collection',
            width: 160,
            render: (_, c) => props.label(c.collection),
          },
          { title: t('syncPanel.resident'), key: 'person', render: (_, c) => c.personName ?? '—' },
        ]}
      />
    </Card>
  );
}
