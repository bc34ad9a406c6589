import { SyncOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Progress, Space, Table, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { SyncStatusView } from '#shared/station-api/station-api.ts';
import { formatDateTime } from '../../common/format/format-date.ts';
import { ageOf } from '../../common/format/format-size.ts';
import { useStation } from '../state/station-context.ts';
import { isWorking } from '../state/session-store.ts';
import { syncHeadline } from '../state/sync-headline.ts';
import { PendingChangesCard } from './PendingChangesCard.tsx';
import { collectionOrder, progressRows, timeLeftOf } from './sync-progress.ts';
import { SyncOutcomesCard } from './SyncOutcomesCard.tsx';

const knownCollections: ReadonlySet<string> = new Set(collectionOrder);

type SyncError = SyncStatusView['errors'][number];

/**
 * The sync panel: per-collection progress (received / expected: a first sync's progress bar), what waits to be sent
 * and since when, the records the server refused or merged and what became of them, the problems the core reported
 * in its Vietnamese words, the health IDs left, and "sync now".
 */
export function SyncPanelPage() {
  const { t } = useTranslation();
  const station = useStation();
  const status = useStore(station.sync, (s) => s.status);
  const syncingNow = useStore(station.sync, (s) => s.syncingNow);
  const syncNow = useStore(station.sync, (s) => s.syncNow);
  const refresh = useStore(station.sync, (s) => s.refresh);
  const connection = useStore(station.connection, (s) => s.connection);
  const session = useStore(station.session, (s) => s.view);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const headline = syncHeadline(connection, session, status);
  const now = station.clock.now().getTime();
  const timeLeft = timeLeftOf(status?.secondsLeft ?? null);
  const label = (name: string) =>
    knownCollections.has(name) ? t(`syncPanel.collections.${name as 'persons'}`) : name;
  return (
    <Space direction="vertical" size="large" className="hssk-page" data-testid="sync-panel">
      <Space align="baseline" className="hssk-page-title">
        <Typography.Title level={2}>{t('syncPanel.title')}</Typography.Title>
        <Button
          type="primary"
          icon={<SyncOutlined spin={syncingNow} />}
          disabled={!isWorking(session) || connection.kind !== 'ready' || syncingNow}
          onClick={() => void syncNow()}
        >
          {t('sync.syncNow')}
        </Button>
      </Space>
      {status === null ? (
        <Alert type="info" showIcon message={t('sync.unknown')} />
      ) : (
        <>
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'state', label: t('syncPanel.state'), children: t(`syncPanel.states.${headline.kind}`) },
              {
                key: 'last',
                label: t('syncPanel.lastSynced'),
                children:
                  status.lastSyncedAt === null ? t('sync.neverSynced') : formatDateTime(status.lastSyncedAt),
              },
              {
                key: 'pending',
                label: t('syncPanel.pending'),
                children: (
                  <span data-testid="pending-changes">
                    {status.pendingChanges === 0 || status.oldestPendingAt === null
                      ? t('syncPanel.nothingPending')
                      : t('syncPanel.pendingSince', {
                          count: status.pendingChanges,
                          when: formatDateTime(status.oldestPendingAt),
                          age: t(`time.${ageOf(now - Date.parse(status.oldestPendingAt)).unit}`, {
                            count: ageOf(now - Date.parse(status.oldestPendingAt)).count,
                          }),
                        })}
                  </span>
                ),
              },
              {
                key: 'ids',
                label: t('syncPanel.healthIdsRemaining'),
                children:
                  status.healthIdsRemaining === null
                    ? '—'
                    : status.healthIdsRemaining.toLocaleString('vi-VN'),
              },
              {
                key: 'pull',
                label: t('syncPanel.lastPull'),
                children: status.lastPullAt === null ? '—' : formatDateTime(status.lastPullAt),
              },
              {
                key: 'push',
                label: t('syncPanel.lastPush'),
                children: status.lastPushAt === null ? '—' : formatDateTime(status.lastPushAt),
              },
            ]}
          />
          {Math.abs(status.clockOffsetMs) > 60_000 ? (
            <Alert
              type="warning"
              showIcon
              message={t('syncPanel.clockOffset', { minutes: Math.round(status.clockOffsetMs / 60_000) })}
            />
          ) : null}
          <Card
            title={t('syncPanel.progressTitle')}
            data-testid="sync-progress"
            extra={
              timeLeft === null ? null : (
                <Typography.Text data-testid="sync-time-left">
                  {timeLeft.unit === 'seconds'
                    ? t('syncPanel.timeLeft.seconds', { seconds: timeLeft.seconds })
                    : timeLeft.unit === 'minutes'
                      ? t('syncPanel.timeLeft.minutes', { minutes: timeLeft.minutes })
                      : t('syncPanel.timeLeft.hours', { hours: timeLeft.hours, minutes: timeLeft.minutes })}
                </Typography.Text>
              )
            }
          >
            {progressRows(status).length === 0 ? (
              <Typography.Text type="secondary">{t('syncPanel.noProgressYet')}</Typography.Text>
            ) : (
              progressRows(status).map((row) => (
                <div
                  key={row.collection}
                  className="hssk-sync-row"
                  data-testid={`progress-${row.collection}`}
                >
                  <Typography.Text className="hssk-sync-row-label">{label(row.collection)}</Typography.Text>
                  {row.percent === null ? (
                    <Typography.Text type="secondary">
                      {t('syncPanel.receivedOnly', { received: row.received })}
                    </Typography.Text>
                  ) : (
                    <Progress
                      percent={row.percent}
                      status={row.percent >= 100 ? 'success' : 'active'}
                      format={() =>
                        t('syncPanel.receivedOf', { received: row.received, expected: row.total ?? 0 })
                      }
                    />
                  )}
                </div>
              ))
            )}
          </Card>
          <PendingChangesCard pendingCount={status.pendingChanges} label={label} />
          <SyncOutcomesCard label={label} />
          <Card title={t('syncPanel.errorsTitle')}>
            <Table<SyncError>
              data-testid="sync-errors"
              size="small"
              pagination={false}
              rowKey={(error) => `${error.collection}-${error.code}-${error.at}`}
              dataSource={[...status.errors]}
              locale={{ emptyText: t('syncPanel.noErrors') }}
              columns={[
                { title: t('syncPanel.when'), key: 'at', width: 150, render: (_, e) => formatDateTime(e.at) },
                {
                  title: t('syncPanel.collection'),
                  key: 'collection',
                  width: 160,
                  render: (_, e) => label(e.collection),
                },
                { title: t('syncPanel.message'), dataIndex: 'message', key: 'message' },
                { title: t('syncPanel.code'), dataIndex: 'code', key: 'code', width: 200 },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}
