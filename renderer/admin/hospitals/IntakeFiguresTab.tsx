import { Button, Drawer, Empty, List, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPartialDate } from '#shared/dates/format-partial-date.ts';
import type { AccountView } from '#shared/server-api/accounts.ts';
import type { IntakeFacilityFigures } from '#shared/server-api/interop.ts';
import { formatDateTime, localIsoDate } from '../../common/format/format-date.ts';
import { EChart } from '../charts/EChart.tsx';
import { useConsole } from '../state/console-context.ts';
import { can } from '../state/menu-access.ts';
import { ProblemNotice } from '../ui/ProblemNotice.tsx';
import { useAdminQuery } from '../ui/use-admin-query.ts';
import { intakeDaysOption } from './intake-chart-option.ts';

const periods = [7, 14, 30] as const;
const number = (value: number) => value.toLocaleString('vi-VN');

/**
 * The same-day check: hồ sơ received from the hospitals per day (accepted, kept for review, refused, late) over the
 * last 7, 14 or 30 days, and per facility with the silent ones marked; an admin opens a facility's refusals with their
 * faults, as the hospital's IT staff were told them.
 */
export function IntakeFiguresTab({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [days, setDays] = useState<(typeof periods)[number]>(14);
  const [opened, setOpened] = useState<IntakeFacilityFigures | null>(null);
  const to = localIsoDate(new Date());
  const from = localIsoDate(new Date(Date.now() - (days - 1) * 86_400_000));
  const query = useAdminQuery(`intake-figures-${from}`, () => api.call('intake.figures', { from, to }));
  const state = query.state;
  const figures = state.status === 'ok' ? state.value : undefined;
  const option = useMemo(
    () =>
      figures === undefined
        ? undefined
        : intakeDaysOption(figures, {
            accepted: t('admin.hospitals.accepted'),
            review: t('admin.hospitals.review'),
            refused: t('admin.hospitals.refused'),
            late: t('admin.hospitals.late'),
          }),
    [figures, t],
  );
  const totals = figures?.days.reduce(
    (sum, d) => ({
      received: sum.received + d.received,
      accepted: sum.accepted + d.accepted + d.replaced,
      review: sum.review + d.review,
      refused: sum.refused + d.refused,
      late: sum.late + d.late,
    }),
    { received: 0, accepted: 0, review: 0, refused: 0, late: 0 },
  );
  const silent = figures?.facilities.filter((f) => f.silent).length ?? 0;
  return (
    <Space direction="vertical" size="large" className="hssk-wide">
      <Typography.Paragraph type="secondary">{t('admin.hospitals.figuresExplain')}</Typography.Paragraph>
      <Segmented
        value={days}
        onChange={(value) => {
          setDays(value);
        }}
        options={periods.map((n) => ({ value: n, label: t('admin.hospitals.lastDays', { count: n }) }))}
      />
      {state.status === 'failed' ? <ProblemNotice problem={state.problem} /> : null}
      {totals === undefined ? null : (
        <Space size="large" wrap data-testid="intake-totals">
          <Statistic title={t('admin.hospitals.received')} value={number(totals.received)} />
          <Statistic title={t('admin.hospitals.accepted')} value={number(totals.accepted)} />
          <Statistic title={t('admin.hospitals.review')} value={number(totals.review)} />
          <Statistic title={t('admin.hospitals.refused')} value={number(totals.refused)} />
          <Statistic title={t('admin.hospitals.late')} value={number(totals.late)} />
          <Statistic title={t('admin.hospitals.silentFacilities')} value={number(silent)} />
        </Space>
      )}
      {option === undefined ? null : (
        <EChart
          option={option}
          className="hssk-chart"
          label={t('admin.hospitals.chartLabel')}
          data-testid="intake-chart"
        />
      )}
      <Table<IntakeFacilityFigures>
        data-testid="intake-facilities"
        rowKey="facilityCode"
        size="small"
        loading={state.status === 'loading'}
        pagination={false}
        dataSource={figures?.facilities ?? []}
        locale={{ emptyText: t('admin.hospitals.noFacilities') }}
        columns={[
          {
            key: 'name',
            title: t('admin.hospitals.facility'),
            render: (_, f) => (
              <Space direction="vertical" size={0}>
                <Typography.Text>{f.name}</Typography.Text>
                <Typography.Text type="secondary">
                  {t('admin.hospitals.code', { code: f.facilityCode })}
                </Typography.Text>
              </Space>
            ),
          },
          {
            key: 'received',
            title: t('admin.hospitals.received'),
            align: 'right',
            render: (_, f) => number(f.received),
          },
          {
            key: 'accepted',
            title: t('admin.hospitals.accepted'),
            align: 'right',
            render: (_, f) => number(f.accepted + f.replaced),
          },
          {
            key: 'review',
            title: t('admin.hospitals.review'),
            align: 'right',
            render: (_, f) => number(f.review),
          },
          {
            key: 'refused',
            title: t('admin.hospitals.refused'),
            align: 'right',
            render: (_, f) => number(f.refused),
          },
          { key: 'late', title: t('admin.hospitals.late'), align: 'right', render: (_, f) => number(f.late) },
          {
            key: 'last',
            title: t('admin.hospitals.lastReceived'),
            render: (_, f) =>
              f.lastReceivedOn === null ? t('admin.hospitals.never') : formatPartialDate(f.lastReceivedOn),
          },
          {
            key: 'status',
            title: t('admin.hospitals.status'),
            render: (_, f) =>
              f.silent ? (
                <Tag color="red" data-testid={`silent-${f.facilityCode}`}>
                  {f.lastReceivedOn === null
                    ? t('admin.hospitals.neverSent')
                    : t('admin.hospitals.silent', { count: figures?.silentDays ?? 0 })}
                </Tag>
              ) : (
                <Tag color="green">{t('admin.hospitals.sending')}</Tag>
              ),
          },
          ...(can(account.role, 'intake-review')
            ? [
                {
                  key: 'refusals',
                  title: '',
                  render: (_: unknown, f: IntakeFacilityFigures) =>
                    f.refused === 0 ? null : (
                      <Button
                        size="small"
                        data-testid={`refusals-${f.facilityCode}`}
                        onClick={() => {
                          setOpened(f);
                        }}
                      >
                        {t('admin.hospitals.openRefusals')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      <RefusalsDrawer
        facility={opened}
        from={from}
        to={to}
        onClose={() => {
          setOpened(null);
        }}
      />
    </Space>
  );
}

function RefusalsDrawer(props: {
  facility: IntakeFacilityFigures | null;
  from: string;
  to: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const facility = props.facility;
  const query = useAdminQuery(
    `intake-refusals-${facility?.facilityCode ?? ''}-${props.from}`,
    () =>
      api.call('intake.refusals', {
        facilityCode: facility?.facilityCode ?? '',
        from: props.from,
        to: props.to,
      }),
    { enabled: facility !== null },
  );
  const state = query.state;
  return (
    <Drawer
      open={facility !== null}
      width={720}
      title={facility === null ? '' : t('admin.hospitals.refusalsTitle', { name: facility.name })}
      onClose={props.onClose}
      data-testid="intake-refusals"
    >
      {state.status === 'failed' ? <ProblemNotice problem={state.problem} /> : null}
      {state.status === 'ok' && state.value.items.length === 0 ? (
        <Empty description={t('admin.hospitals.noRefusals')} />
      ) : null}
      <List
        loading={state.status === 'loading'}
        dataSource={state.status === 'ok' ? state.value.items : []}
        renderItem={(item) => (
          <List.Item data-testid="intake-refusal">
            <Space direction="vertical" size={2}>
              <Typography.Text strong>
                {item.visitKey === undefined
                  ? t('admin.hospitals.hosoAt', { position: item.position })
                  : t('admin.hospitals.hosoKey', { key: item.visitKey })}
              </Typography.Text>
              <Typography.Text type="secondary">{formatDateTime(item.receivedAt)}</Typography.Text>
              {item.issues.map((issue, i) => (
                <Typography.Text key={`${issue.code}-${String(i)}`}>
                  {issue.path === undefined ? null : <Tag>{issue.path}</Tag>}
                  {issue.message}
                </Typography.Text>
              ))}
            </Space>
          </List.Item>
        )}
      />
    </Drawer>
  );
}
