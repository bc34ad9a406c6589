import { Alert, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../common/format/format-date.ts';
import type { SignInAttacksView } from '#shared/server-api/sign-in-attacks.ts';
import { useConsole } from '../state/console-context.ts';
import { ProblemNotice } from '../ui/ProblemNotice.tsx';
import { useAdminQuery } from '../ui/use-admin-query.ts';

type SourceRow = SignInAttacksView['sources'][number];
type AccountRow = SignInAttacksView['accounts'][number];

const periods = [1, 7, 30, 90] as const;

/**
 * The accounts screen's view of attacks on sign-in: the sources with most failed sign-ins and the accounts they
 * targeted, in the admin's scope (the server scopes and audits it), times as dd/mm/yyyy HH:mm.
 */
export function SignInAttacks() {
  const { t } = useTranslation();
  const { api, orgs } = useConsole();
  const [days, setDays] = useState<number>(7);
  const view = useAdminQuery(String(days), () => api.call('accounts.signInAttacks', { days }));
  const sourceText = (source: string) =>
    source.startsWith('device:')
      ? t('admin.accounts.attacks.device', { id: source.slice('device:'.length) })
      : t('admin.accounts.attacks.address', { ip: source.replace(/^ip:/, '') });
  if (view.state.status === 'failed') return <ProblemNotice problem={view.state.problem} />;
  const answer = view.state.status === 'ok' ? view.state.value : undefined;
  return (
    <Space direction="vertical" size="middle" className="hssk-page" data-testid="sign-in-attacks">
      <Alert type="info" showIcon message={t('admin.accounts.attacks.hint')} />
      <Select
        aria-label={t('admin.accounts.attacks.days', { days })}
        className="hssk-filter"
        value={days}
        options={periods.map((value) => ({
          value,
          label: t('admin.accounts.attacks.days', { days: value }),
        }))}
        onChange={(value: number) => {
          setDays(value);
        }}
      />
      <Typography.Title level={4}>{t('admin.accounts.attacks.sources')}</Typography.Title>
      <Table<SourceRow>
        rowKey="source"
        size="small"
        data-testid="sign-in-attack-sources"
        loading={view.state.status === 'loading'}
        dataSource={answer?.sources ?? []}
        locale={{ emptyText: t('admin.accounts.attacks.empty') }}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            key: 'source',
            title: t('admin.accounts.attacks.source'),
            render: (_, row) => sourceText(row.source),
          },
          { key: 'failures', title: t('admin.accounts.attacks.failures'), dataIndex: 'failures' },
          { key: 'accounts', title: t('admin.accounts.attacks.accountsTargeted'), dataIndex: 'accounts' },
          { key: 'unknown', title: t('admin.accounts.attacks.unknownNames'), dataIndex: 'unknownNames' },
          {
            key: 'first',
            title: t('admin.accounts.attacks.firstAt'),
            render: (_, row) => formatDateTime(row.firstAt),
          },
          {
            key: 'last',
            title: t('admin.accounts.attacks.lastAt'),
            render: (_, row) => formatDateTime(row.lastAt),
          },
        ]}
      />
      <Typography.Title level={4}>{t('admin.accounts.attacks.accounts')}</Typography.Title>
      <Table<AccountRow>
        rowKey="accountId"
        size="small"
        data-testid="sign-in-attack-accounts"
        loading={view.state.status === 'loading'}
        dataSource={answer?.accounts ?? []}
        locale={{ emptyText: t('admin.accounts.attacks.empty') }}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            key: 'userName',
            title: t('admin.accounts.columns.userName'),
            render: (_, row) => <Typography.Text code>{row.userName}</Typography.Text>,
          },
          {
            key: 'unit',
            title: t('admin.accounts.columns.unit'),
            render: (_, row) => orgs.name(row.orgUnitId),
          },
          { key: 'failures', title: t('admin.accounts.attacks.failures'), dataIndex: 'failures' },
          { key: 'sources', title: t('admin.accounts.attacks.sourcesCount'), dataIndex: 'sources' },
          {
            key: 'last',
            title: t('admin.accounts.attacks.lastAt'),
            render: (_, row) => formatDateTime(row.lastAt),
          },
        ]}
      />
    </Space>
  );
}
