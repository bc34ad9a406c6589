import { SyncOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { formatDateTime, localIsoDate } from '../../common/format/format-date.ts';
import type { AccountView } from '#shared/server-api/accounts.ts';
import { EChart } from '../charts/EChart.tsx';
import { useConsole } from '../state/console-context.ts';
import { ProblemNotice } from '../ui/ProblemNotice.tsx';
import { useAdminQuery } from '../ui/use-admin-query.ts';
import { areaHistoryOption } from './history-chart-options.ts';
import { historySeries, historyWindows, type HistoryWindow } from './history-series.ts';
import { countByState, filterStations, stationStates, type StationState } from './station-filters.ts';
import { StationsTable } from './StationsTable.tsx';

/**
 * Sync monitoring, the console's first screen: activity and lag per area over time, and every station device in the
 * admin's scope with its latest report, filtered by area and state. Both refresh every 30 seconds.
 */
export function MonitoringPage({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const { api, orgs, clock, pollMs, navigation } = useConsole();
  const go = useStore(navigation, (s) => s.go);
  const [areaId, setAreaId] = useState<string | undefined>(undefined);
  const [state, setState] = useState<StationState>('all');
  const [hours, setHours] = useState<HistoryWindow>(24);
  const stations = useAdminQuery('stations', () => api.call('stations.list', {}), {
    pollMs,
    now: () => clock.now(),
  });
  const history = useAdminQuery(
    `history:${areaId ?? ''}:${String(hours)}`,
    () => api.call('stations.history', { orgUnitId: areaId, hours }),
    { pollMs, now: () => clock.now() },
  );
  const now = stations.state.status === 'ok' ? stations.state.at : clock.now();
  const areas = useMemo(
    () =>
      orgs
        .unitsUnder(account.orgUnitId, localIsoDate(clock.now()))
        .filter((unit) => unit.kind === 'health-centre'),
    [orgs, account.orgUnitId, clock],
  );
  const areaIdOf = (unitId: string) => orgs.areaOf(unitId)?.id;
  const areaName = (unitId: string) => orgs.areaOf(unitId)?.name ?? t('admin.none');
  const rows = stations.state.status === 'ok' ? stations.state.value.stations : [];
  const counts = countByState(rows);
  const shown = filterStations(rows, { areaId, state }, areaIdOf);
  const historyOption = useMemo(() => {
    if (history.state.status !== 'ok') return undefined;
    const to = history.state.at;
    const series = historySeries(history.state.value.buckets, {
      from: new Date(to.getTime() - hours * 3_600_000),
      to,
    });
    return {
      empty: series.areas.length === 0,
      option: areaHistoryOption(series, {
        reports: t('admin.monitoring.reportsAxis'),
        lag: t('admin.monitoring.lagAxis'),
      }),
    };
  }, [history.state, hours, t]);

  return (
    <Space direction="vertical" size="large" className="hssk-page" data-testid="monitoring">
      <Space align="baseline" wrap className="hssk-page-title">
        <Typography.Title level={2}>{t('admin.monitoring.title')}</Typography.Title>
        <Select
          aria-label={t('admin.monitoring.area')}
          className="hssk-filter-wide"
          value={areaId ?? ''}
          showSearch
          optionFilterProp="label"
          options={[
            { value: '', label: t('admin.monitoring.allAreas') },
            ...areas.map((area) => ({ value: area.id, label: area.name })),
          ]}
          onChange={(value: string) => {
            setAreaId(value === '' ? undefined : value);
          }}
          data-testid="area-filter"
        />
        <Button
          icon={<SyncOutlined />}
          onClick={() => {
            stations.reload();
            history.reload();
          }}
        >
          {t('admin.refresh')}
        </Button>
        <Typography.Text type="secondary" data-testid="updated-at">
          {stations.state.status === 'ok'
            ? t('admin.updatedAt', { time: formatDateTime(stations.state.at.toISOString()) })
            : null}{' '}
          · {t('admin.monitoring.live')}
        </Typography.Text>
      </Space>

      <Card
        title={t('admin.monitoring.chartTitle')}
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
        ) : historyOption === undefined ? (
          <div className="hssk-chart" />
        ) : historyOption.empty ? (
          <Empty description={t('admin.monitoring.noHistory')} data-testid="activity-chart-empty" />
        ) : (
          <EChart
            option={historyOption.option}
            className="hssk-chart"
            label={t('admin.monitoring.chartLabel')}
            data-testid="activity-chart"
          />
        )}
      </Card>

      <Card
        title={t('admin.monitoring.stationsTitle')}
        extra={
          stations.state.status === 'failed' ? null : (
            <Select
              aria-label={t('admin.monitoring.state')}
              className="hssk-filter-wide"
              value={state}
              options={stationStates.map((value) => ({
                value,
                label: `${t(`admin.monitoring.states.${value}`)} (${String(counts[value])})`,
              }))}
              onChange={(value: StationState) => {
                setState(value);
              }}
              data-testid="state-filter"
            />
          )
        }
      >
        {stations.state.status === 'failed' ? (
          <ProblemNotice problem={stations.state.problem} />
        ) : (
          <StationsTable
            rows={shown}
            now={now}
            areaName={areaName}
            loading={stations.state.status === 'loading'}
            onOpen={(deviceId) => {
              go({ name: 'station', deviceId });
            }}
          />
        )}
      </Card>
    </Space>
  );
}
