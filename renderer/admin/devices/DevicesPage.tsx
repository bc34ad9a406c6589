import { Alert, App, Button, Card, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { compareVietnamese } from '#shared/text/vietnamese-collation.ts';
import { formatDateTime, localIsoDate } from '../../common/format/format-date.ts';
import type { AdminProblem } from '../api/admin-http.ts';
import type { AccountView } from '#shared/server-api/accounts.ts';
import { useConsole } from '../state/console-context.ts';
import { whenText } from '../ui/format-text.ts';
import { OneTimeSecret } from '../ui/OneTimeSecret.tsx';
import { ProblemNotice } from '../ui/ProblemNotice.tsx';
import { useAdminQuery } from '../ui/use-admin-query.ts';
import { deviceRows, type DeviceRow } from './device-rows.ts';

/**
 * Devices: a one-time enrolment code (shown once) for a commune station's computer or a hospital's or clinic's sending
 * machine, every device in scope with its last contact, and revoking one (after a confirmation).
 */
export function DevicesPage({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { api, orgs, clock } = useConsole();
  const devices = useAdminQuery('devices', () => api.call('devices.list', {}));
  const stations = useAdminQuery('stations', () => api.call('stations.list', {}));
  const unitOptions = useMemo(() => {
    const units = orgs.unitsUnder(account.orgUnitId, localIsoDate(clock.now()));
    const optionsOf = (kinds: readonly string[]) =>
      units.filter((unit) => kinds.includes(unit.kind)).map((unit) => ({ value: unit.id, label: unit.name }));
    return [
      { label: t('admin.devices.stations'), options: optionsOf(['commune-station']) },
      { label: t('admin.devices.senders'), options: optionsOf(['hospital', 'clinic']) },
    ].filter((group) => group.options.length > 0);
  }, [orgs, account, clock, t]);
  const [commune, setCommune] = useState<string | undefined>(undefined);
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<{ unitId: string; code: string; expiresAt: string } | undefined>(
    undefined,
  );
  const [problem, setProblem] = useState<AdminProblem | undefined>(undefined);
  const now = clock.now();
  const rows =
    devices.state.status === 'ok'
      ? deviceRows(
          devices.state.value.devices,
          stations.state.status === 'ok' ? stations.state.value.stations : [],
          (id) => orgs.name(id),
          compareVietnamese,
        )
      : [];

  async function issue() {
    if (commune === undefined) return;
    setIssuing(true);
    const answer = await api.call('devices.enrolmentCode', { orgUnitId: commune });
    setIssuing(false);
    if (!answer.ok) {
      setProblem(answer.problem);
      return;
    }
    setProblem(undefined);
    setIssued({ unitId: commune, code: answer.value.code, expiresAt: answer.value.expiresAt });
  }

  async function revoke(device: DeviceRow) {
    const answer = await api.call('devices.revoke', { deviceId: device.id });
    if (!answer.ok) {
      void message.error(answer.problem.message);
      return;
    }
    void message.success(t('admin.devices.revokedDone', { label: device.label }));
    devices.reload();
    stations.reload();
  }

  return (
    <Space direction="vertical" size="large" className="hssk-page" data-testid="devices">
      <Typography.Title level={2}>{t('admin.devices.title')}</Typography.Title>
      <Card title={t('admin.devices.issueTitle')}>
        <Space direction="vertical" className="hssk-page">
          <Typography.Text type="secondary">{t('admin.devices.issueHint')}</Typography.Text>
          <Space wrap>
            <Select
              aria-label={t('admin.devices.commune')}
              className="hssk-filter-wide"
              showSearch
              optionFilterProp="label"
              placeholder={t('admin.devices.communeRequired')}
              value={commune ?? null}
              options={unitOptions}
              onChange={(value: string) => {
                setCommune(value);
                setIssued(undefined);
              }}
              data-testid="enrol-commune"
            />
            <Button
              type="primary"
              disabled={commune === undefined}
              loading={issuing}
              onClick={() => void issue()}
            >
              {t('admin.devices.issue')}
            </Button>
          </Space>
          {problem === undefined ? null : <ProblemNotice problem={problem} />}
          {issued === undefined ? null : (
            <OneTimeSecret
              warning={t('admin.devices.codeShownOnce')}
              items={[
                {
                  label: t('admin.devices.commune'),
                  value: orgs.name(issued.unitId),
                  testId: 'enrolment-unit',
                },
                { label: t('admin.devices.code'), value: issued.code, testId: 'enrolment-code' },
              ]}
              extra={
                <Alert
                  type="info"
                  showIcon
                  className="hssk-top-gap"
                  message={t('admin.devices.expiresAt', { when: formatDateTime(issued.expiresAt) })}
                />
              }
            />
          )}
        </Space>
      </Card>
      {devices.state.status === 'failed' ? (
        <ProblemNotice problem={devices.state.problem} />
      ) : (
        <Table<DeviceRow>
          rowKey="id"
          size="small"
          data-testid="devices-table"
          loading={devices.state.status === 'loading'}
          dataSource={[...rows]}
          locale={{ emptyText: t('admin.devices.empty') }}
          pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'label', title: t('admin.devices.columns.label'), dataIndex: 'label' },
            {
              key: 'unit',
              title: t('admin.devices.columns.unit'),
              render: (_, row) => orgs.name(row.orgUnitId),
            },
            {
              key: 'enrolledAt',
              title: t('admin.devices.columns.enrolledAt'),
              render: (_, row) => formatDateTime(row.enrolledAt),
            },
            {
              key: 'lastContact',
              title: t('admin.devices.columns.lastContact'),
              render: (_, row) =>
                row.lastContactAt === null
                  ? t('admin.monitoring.never')
                  : whenText(row.lastContactAt, now, t),
            },
            {
              key: 'status',
              title: t('admin.devices.columns.status'),
              render: (_, row) =>
                row.revokedAt === null ? (
                  <Tag color="green">{t('admin.devices.active')}</Tag>
                ) : (
                  <Tag>{t('admin.devices.revoked', { when: formatDateTime(row.revokedAt) })}</Tag>
                ),
            },
            {
              key: 'actions',
              title: t('admin.devices.columns.actions'),
              render: (_, row) =>
                row.revokedAt === null ? (
                  <Popconfirm
                    title={t('admin.devices.revoke')}
                    description={t('admin.devices.revokeConfirm', { label: row.label })}
                    okText={t('admin.devices.revoke')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('admin.cancel')}
                    onConfirm={() => void revoke(row)}
                  >
                    <Button size="small" danger>
                      {t('admin.devices.revoke')}
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      )}
    </Space>
  );
}
