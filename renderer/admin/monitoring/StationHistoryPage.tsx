import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { formatDateTime } from '../../common/format/format-date.ts';
import type { StationHistoryPoint } from '#shared/server-api/stations.ts';
import { useConsole } from '../state/console-context.ts';
import { EChart } from '../charts/EChart.tsx';
import { durationText, whenText } from '../ui/format-text.ts';
import { collectionLabel } from '../ui/labels.ts';
import { ProblemNotice } from '../ui/ProblemNotice.tsx';
import { useAdminQuery } from '../ui/use-admin-query.ts';
import { stationHistoryOption } from './history-chart-options.ts';
import { historyWindows, stationSeries, type HistoryWindow } from './history-series.ts';

/** One station device's sync history (drill-down from monitoring): its latest report, a chart and the reports. */
export function StationHistoryPage({ deviceId }: { deviceId: string }) {
  const { t } = useTranslation();
  const { api, clock, pollMs, navigation, orgs } = useConsole();
  const go = useStore(navigation, (s) => s.go);
  const [hours, setHours] = useState<HistoryWindow>(24);
  const stations = useAdminQuery('stations', () => api.call('stations.list', {}), {
    pollMs,
    now: () => clock.now(),
  });
  const history = useAdminQuery(
    `station:${deviceId}:${String(hours)}`,
    () => api.call('stations.deviceHistory', { deviceId, hours }),
    { pollMs, now: () => clock.now() },
  );
  const row =
    stations.state.status === 'ok'
      ? stations.state.value.stations.find((station) => station.deviceId === deviceId)
      : undefined;
  const points = history.state.status === 'ok' ? history.state.value.points : [];
  const option = useMemo(
    () =>
      stationHistoryOption(stationSeries(points), {
        pending: t('admin.station.pending'),
        oldestPending: t('admin.station.oldestPending'),
        lag: t('admin.station.lag'),
        minutes: t('admin.station.minutes'),
      }),
    [points, t],
  );
  const now = clock.now();
  const dash = t('admin.none');
  const report = row?.report ?? null;
  return (
    <Space direction="vertical" size="large" className="hssk-page" data-testid="station-history">
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        className="hssk-crumb"
        onClick={() => {
          go({ name: 'monitoring' });
        }}
      >
        {t('admin.back')}
      </Button>
      <Typography.Title level={2}>
        {t('admin.station.title')}
        {row === undefined ? '' : `: ${row.orgUnitName} — ${row.deviceLabel}`}
      </Typography.Title>
      {stations.state.status === 'failed' ? <ProblemNotice problem={stations.state.problem} /> : null}
      {stations.state.status === 'ok' && row === undefined ? (
        <Alert type="warning" showIcon message={t('admin.station.notFound')} />
      ) : null}
      {row === undefined ? null : (
        <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('admin.station.unit')}>{orgs.name(row.orgUnitId)}</Descriptions.Item>
          <Descriptions.Item label={t('admin.station.device')}>{row.deviceLabel}</Descriptions.Item>
          <Descriptions.Item label={t('admin.station.reportedLast')}>
            {whenText(row.reportedAt, now, t)}
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.monitoring.columns.lastPull')}>
            {whenText(report?.lastPullAt, now, t)}
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.monitoring.columns.lastPush')}>
            {whenText(report?.lastPushAt, now, t)}
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.monitoring.columns.pending')}>
            {report === null ? dash : report.pendingChanges}
            {report?.oldestPendingAgeSeconds === undefined
              ? ''
              : ` (${durationText(report.oldestPendingAgeSeconds * 1000, t)})`}
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.station.documentCounts')}>
            {Object.entries(report?.documentCounts ?? {})
              .map(([name, n]) => `${collectionLabel(name, t)}: ${n.toLocaleString('vi-VN')}`)
              .join('; ') || dash}
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.station.recordErrors')}>
            {report === null || report.recordErrors.length === 0
              ? dash
              : report.recordErrors
                  .map((e) => `${collectionLabel(e.collection, t)} ${e.id}: ${e.code}`)
                  .join('; ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.station.healthIds')}>
            {report?.healthIdsRemaining ?? dash}
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.monitoring.columns.version')}>
            {report?.appVersion ?? dash}
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.monitoring.columns.backup')}>
            {whenText(row.lastBackupAt, now, t)}
          </Descriptions.Item>
        </Descriptions>
      )}
      <Card
        title={t('admin.station.title')}
        extra={
          <Select
            aria-label={t('admin.monitoring.window')}
            value={hours}
            options={historyWindows.map((value) => ({
              value,
              label: t(`admin.monitoring.windows.${String(value) as '24'}`),
            }))}
            onChange={(value: HistoryWindow) => {
              setHours(value);
            }}
          />
        }
      >
        {history.state.status === 'failed' ? (
          <ProblemNotice problem={history.state.problem} />
        ) : history.state.status === 'ok' && points.length === 0 ? (
          <Empty description={t('admin.station.empty')} />
        ) : (
          <Space direction="vertical" size="middle" className="hssk-page">
            <EChart
              option={option}
              className="hssk-chart"
              label={t('admin.station.chartLabel')}
              data-testid="station-chart"
            />
            <Table<StationHistoryPoint>
              rowKey="reportedAt"
              size="small"
              data-testid="station-history-table"
              loading={history.state.status === 'loading'}
              dataSource={[...points].reverse()}
              pagination={{ defaultPageSize: 24, hideOnSinglePage: true }}
              columns={[
                {
                  key: 'reportedAt',
                  title: t('admin.station.reportedAt'),
                  render: (_, point) => formatDateTime(point.reportedAt),
                },
                {
                  key: 'pending',
                  title: t('admin.station.pending'),
                  align: 'right',
                  dataIndex: 'pendingChanges',
                },
                {
                  key: 'oldest',
                  title: t('admin.monitoring.columns.oldestPending'),
                  render: (_, point) =>
                    point.oldestPendingAgeSeconds === null
                      ? dash
                      : durationText(point.oldestPendingAgeSeconds * 1000, t),
                },
                {
                  key: 'lastSync',
                  title: t('admin.station.lastSyncAt'),
                  render: (_, point) =>
                    point.lastSyncAt === null
                      ? t('admin.monitoring.never')
                      : formatDateTime(point.lastSyncAt),
                },
              ]}
            />
          </Space>
        )}
      </Card>
    </Space>
  );
}
