import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { compareVietnamese } from '#shared/text/vietnamese-collation.ts';
import { localIsoDate } from '../../common/format/format-date.ts';
import type { AccountView } from '#shared/server-api/accounts.ts';
import { useConsole } from '../state/console-context.ts';
import { can } from '../state/menu-access.ts';
import { whenText } from '../ui/format-text.ts';
import { roleLabel } from '../ui/labels.ts';
import { ProblemNotice } from '../ui/ProblemNotice.tsx';
import { useAdminQuery } from '../ui/use-admin-query.ts';
import { AccountActions } from './AccountActions.tsx';
import {
  accountQueryOf,
  accountRoles,
  accountTabs,
  type AccountFilters,
  type AccountTab,
} from './account-form.ts';
import { CreateAccountModal } from './CreateAccountModal.tsx';
import { SignInAttacks } from './SignInAttacks.tsx';

const statuses = ['active', 'locked', 'closed'] as const;

/**
 * Accounts (Art. 7) in the admin's scope: every account by unit, role and status; the inactivity-locked list; the
 * users' own lock requests; unusual failed sign-ins (by source and account targeted); creating an account; and, per
 * account, lock, unlock, password reset and close.
 */
export function AccountsPage({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const { api, orgs, clock } = useConsole();
  const [tab, setTab] = useState<AccountTab | 'attacks'>('all');
  const [filters, setFilters] = useState<AccountFilters>({});
  const [creating, setCreating] = useState(false);
  const units = useMemo(
    () => orgs.unitsUnder(account.orgUnitId, localIsoDate(clock.now())),
    [orgs, account, clock],
  );
  const query = accountQueryOf(tab === 'attacks' ? 'all' : tab, filters);
  const list = useAdminQuery(JSON.stringify(query), () => api.call('accounts.list', query), {
    enabled: tab !== 'attacks',
  });
  const now = clock.now();
  const rows = list.state.status === 'ok' ? list.state.value.accounts : [];
  return (
    <Space direction="vertical" size="large" className="hssk-page" data-testid="accounts">
      <Space align="baseline" wrap className="hssk-page-title">
        <Typography.Title level={2}>{t('admin.accounts.title')}</Typography.Title>
        {can(account.role, 'account-create') ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setCreating(true);
            }}
          >
            {t('admin.accounts.create')}
          </Button>
        ) : null}
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          setTab(key as AccountTab | 'attacks');
        }}
        items={[...accountTabs, 'attacks' as const].map((key) => ({
          key,
          label: t(`admin.accounts.tabs.${key}`),
        }))}
      />
      {tab === 'attacks' ? <SignInAttacks /> : null}
      {tab === 'attacks' ? null : (
        <>
          {tab === 'inactivity' ? (
            <Alert type="info" showIcon message={t('admin.accounts.inactivityHint')} />
          ) : null}
          {tab === 'requests' ? (
            <Alert type="info" showIcon message={t('admin.accounts.requestsHint')} />
          ) : null}
          <Space wrap>
            <Select
              aria-label={t('admin.accounts.unit')}
              className="hssk-filter-wide"
              showSearch
              optionFilterProp="label"
              value={filters.orgUnitId ?? ''}
              options={[
                { value: '', label: t('admin.accounts.allUnits') },
                ...units.map((unit) => ({ value: unit.id, label: unit.name })),
              ]}
              onChange={(value: string) => {
                setFilters({ ...filters, orgUnitId: value === '' ? undefined : value });
              }}
            />
            <Select
              aria-label={t('admin.accounts.role')}
              className="hssk-filter"
              value={filters.role ?? ''}
              options={[
                { value: '', label: t('admin.accounts.allRoles') },
                ...accountRoles.map((role) => ({ value: role, label: roleLabel(role, t) })),
              ]}
              onChange={(value: string) => {
                setFilters({ ...filters, role: value === '' ? undefined : value });
              }}
            />
            {tab === 'all' ? (
              <Select
                aria-label={t('admin.accounts.status')}
                className="hssk-filter"
                value={filters.status ?? ''}
                options={[
                  { value: '', label: t('admin.accounts.allStatuses') },
                  ...statuses.map((status) => ({
                    value: status,
                    label: t(`admin.accounts.statuses.${status}`),
                  })),
                ]}
                onChange={(value: string) => {
                  setFilters({ ...filters, status: statuses.find((status) => status === value) });
                }}
              />
            ) : null}
          </Space>
          {list.state.status === 'failed' ? (
            <ProblemNotice problem={list.state.problem} />
          ) : (
            <Table<AccountView>
              rowKey="id"
              size="small"
              data-testid="accounts-table"
              loading={list.state.status === 'loading'}
              dataSource={rows}
              locale={{ emptyText: t('admin.accounts.empty') }}
              pagination={{ defaultPageSize: 50, hideOnSinglePage: true, showSizeChanger: true }}
              scroll={{ x: 'max-content' }}
              columns={[
                {
                  key: 'name',
                  title: t('admin.accounts.columns.name'),
                  defaultSortOrder: 'ascend',
                  sorter: (a, b) => compareVietnamese(a.displayName, b.displayName),
                  render: (_, row) => row.displayName,
                },
                {
                  key: 'userName',
                  title: t('admin.accounts.columns.userName'),
                  render: (_, row) => <Typography.Text code>{row.userName}</Typography.Text>,
                },
                {
                  key: 'role',
                  title: t('admin.accounts.columns.role'),
                  render: (_, row) => roleLabel(row.role, t),
                },
                {
                  key: 'unit',
                  title: t('admin.accounts.columns.unit'),
                  sorter: (a, b) => compareVietnamese(orgs.name(a.orgUnitId), orgs.name(b.orgUnitId)),
                  render: (_, row) => orgs.name(row.orgUnitId),
                },
                {
                  key: 'status',
                  title: t('admin.accounts.columns.status'),
                  render: (_, row) => (
                    <Space size={4} wrap>
                      <Tag
                        color={
                          row.status === 'active' ? 'green' : row.status === 'locked' ? 'orange' : 'default'
                        }
                      >
                        {t(`admin.accounts.statuses.${row.status}`)}
                        {row.statusReason === null
                          ? ''
                          : ` (${t(`admin.accounts.reasons.${row.statusReason}`)})`}
                      </Tag>
                      {row.mustChangePassword ? <Tag>{t('admin.accounts.mustChange')}</Tag> : null}
                    </Space>
                  ),
                },
                {
                  key: 'lastLogin',
                  title: t('admin.accounts.columns.lastLogin'),
                  render: (_, row) => whenText(row.lastLoginAt, now, t),
                },
                {
                  key: 'actions',
                  title: t('admin.accounts.columns.actions'),
                  render: (_, row) => (
                    <AccountActions account={row} actor={account} onChanged={list.reload} />
                  ),
                },
              ]}
            />
          )}
        </>
      )}
      <CreateAccountModal
        open={creating}
        units={units}
        onClose={() => {
          setCreating(false);
        }}
        onCreated={list.reload}
      />
    </Space>
  );
}
