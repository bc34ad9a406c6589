import { Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { compareVietnamese } from '#shared/text/vietnamese-collation.ts';
import { formatBytes } from '../../common/format/format-size.ts';
import type { StationRow } from '#shared/server-api/stations.ts';
import { durationText, whenText } from '../ui/format-text.ts';
import { collectionLabel } from '../ui/labels.ts';
import { lastSyncOf } from './station-filters.ts';

/** A station's clock offset as people read it: seconds under a minute, else minutes or hours; signed. */
function offsetText(ms: number, t: TFunction): string {
  const sign = ms > 0 ? '+' : ms < 0 ? '−' : '';
  const size = Math.abs(ms);
  return size < 60_000
    ? `${sign}${t('admin.monitoring.seconds', { count: Math.round(size / 1000) })}`
    : `${sign}${durationText(size, t)}`;
}

function Flags({ row, t }: { row: StationRow; t: TFunction }) {
  return (
    <Space size={[4, 4]} wrap>
      {row.report === null ? <Tag color="default">{t('admin.monitoring.flags.silent')}</Tag> : null}
      {row.stale ? <Tag color="red">{t('admin.monitoring.flags.stale')}</Tag> : null}
      {row.hasRecordErrors ? <Tag color="volcano">{t('admin.monitoring.flags.errors')}</Tag> : null}
      {row.clockWrong ? <Tag color="orange">{t('admin.monitoring.flags.clock')}</Tag> : null}
      {row.healthIdsLow ? <Tag color="gold">{t('admin.monitoring.flags.healthIds')}</Tag> : null}
    </Space>
  );
}

/**
 * Every station device with its latest report: last pull and push, pending changes and the age of the oldest,
 * errors, documents, database size, version, clock offset, backup age and the flags. A station not synced for 24
 * hours is highlighted. Clicking a station opens its history.
 */
export function StationsTable(props: {
  rows: readonly StationRow[];
  now: Date;
  areaName: (unitId: string) => string;
  onOpen: (deviceId: string) => void;
  loading: boolean;
}) {
  const { t } = useTranslation();
  const { now } = props;
  const dash = t('admin.none');
  const columns: ColumnsType<StationRow> = [
    {
      key: 'station',
      title: t('admin.monitoring.columns.station'),
      fixed: 'left',
      sorter: (a, b) => compareVietnamese(a.orgUnitName, b.orgUnitName),
      render: (_, row) => (
        <Button
          type="link"
          className="hssk-name-link"
          data-testid="station-link"
          onClick={() => {
            props.onOpen(row.deviceId);
          }}
        >
          <span>
            <Typography.Text strong>{row.orgUnitName}</Typography.Text>
            <br />
            <Typography.Text type="secondary">{row.deviceLabel}</Typography.Text>
          </span>
        </Button>
      ),
    },
    {
      key: 'area',
      title: t('admin.monitoring.columns.area'),
      sorter: (a, b) => compareVietnamese(props.areaName(a.orgUnitId), props.areaName(b.orgUnitId)),
      render: (_, row) => props.areaName(row.orgUnitId),
    },
    {
      key: 'lastPull',
      title: t('admin.monitoring.columns.lastPull'),
      defaultSortOrder: 'ascend',
      sorter: (a, b) => (lastSyncOf(a) ?? 0) - (lastSyncOf(b) ?? 0),
      render: (_, row) =>
        row.report?.lastPullAt === undefined
          ? t('admin.monitoring.never')
          : whenText(row.report.lastPullAt, now, t),
    },
    {
      key: 'lastPush',
      title: t('admin.monitoring.columns.lastPush'),
      render: (_, row) =>
        row.report?.lastPushAt === undefined
          ? t('admin.monitoring.never')
          : whenText(row.report.lastPushAt, now, t),
    },
    {
      key: 'pending',
      title: t('admin.monitoring.columns.pending'),
      align: 'right',
      sorter: (a, b) => (a.report?.pendingChanges ?? 0) - (b.report?.pendingChanges ?? 0),
      render: (_, row) => row.report?.pendingChanges ?? dash,
    },
    {
      key: 'oldestPending',
      title: t('admin.monitoring.columns.oldestPending'),
      render: (_, row) =>
        row.report?.oldestPendingAgeSeconds === undefined
          ? dash
          : durationText(row.report.oldestPendingAgeSeconds * 1000, t),
    },
    {
      key: 'errors',
      title: t('admin.monitoring.columns.errors'),
      align: 'right',
      render: (_, row) => {
        const errors = row.report?.recordErrors ?? [];
        if (errors.length === 0) return row.report === null ? dash : 0;
        return (
          <Tooltip
            title={errors.map((e) => `${collectionLabel(e.collection, t)} ${e.id}: ${e.code}`).join('; ')}
          >
            <Typography.Text type="danger">{errors.length}</Typography.Text>
          </Tooltip>
        );
      },
    },
    {
      key: 'documents',
      title: t('admin.monitoring.columns.documents'),
      align: 'right',
      render: (_, row) => {
        const counts = Object.entries(row.report?.documentCounts ?? {});
        if (row.report === null) return dash;
        const total = counts.reduce((sum, [, n]) => sum + n, 0);
        return (
          <Tooltip
            title={counts
              .map(([name, n]) => `${collectionLabel(name, t)}: ${n.toLocaleString('vi-VN')}`)
              .join('; ')}
          >
            <span>{total.toLocaleString('vi-VN')}</span>
          </Tooltip>
        );
      },
    },
    {
      key: 'size',
      title: t('admin.monitoring.columns.size'),
      align: 'right',
      render: (_, row) => (row.report === null ? dash : formatBytes(row.report.databaseSizeBytes)),
    },
    {
      key: 'version',
      title: t('admin.monitoring.columns.version'),
      render: (_, row) => row.report?.appVersion ?? dash,
    },
    {
      key: 'clock',
      title: t('admin.monitoring.columns.clock'),
      render: (_, row) => (row.report === null ? dash : offsetText(row.report.clockOffsetMs, t)),
    },
    {
      key: 'backup',
      title: t('admin.monitoring.columns.backup'),
      render: (_, row) => whenText(row.lastBackupAt, now, t),
    },
    {
      key: 'flags',
      title: t('admin.monitoring.columns.flags'),
      render: (_, row) => <Flags row={row} t={t} />,
    },
  ];
  return (
    <Table<StationRow>
      rowKey="deviceId"
      size="small"
      data-testid="stations-table"
      columns={columns}
      dataSource={[...props.rows]}
      loading={props.loading}
      scroll={{ x: 'max-content' }}
      pagination={{ defaultPageSize: 50, hideOnSinglePage: true, showSizeChanger: true }}
      rowClassName={(row) => (row.stale ? 'hssk-row-stale' : '')}
      locale={{ emptyText: t('admin.monitoring.empty') }}
    />
  );
}
