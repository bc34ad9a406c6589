import { Button, Card, DatePicker, Input, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../common/format/format-date.ts';
import type { AdminProblem } from '../api/admin-http.ts';
import type { AccountView } from '#shared/server-api/accounts.ts';
import type { AuditEntry } from '#shared/server-api/audit.ts';
import { useConsole } from '../state/console-context.ts';
import { can } from '../state/menu-access.ts';
import { auditActionCodes, auditActionLabel } from '../ui/labels.ts';
import { ProblemNotice } from '../ui/ProblemNotice.tsx';
import { useAdminQuery } from '../ui/use-admin-query.ts';
import { AuditChainCard } from './AuditChainCard.tsx';
import { auditDetailText } from './audit-detail-text.ts';
import { auditQueryOf, type AuditForm } from './audit-query.ts';
import { auditActionGroupNames } from '#shared/server-api/audit-actions.ts';

const PAGE = 100;
const emptyForm: AuditForm = {
  targetId: '',
  actor: '',
  userName: '',
  healthId: '',
  action: undefined,
  actionGroup: undefined,
  fromDate: undefined,
  toDate: undefined,
};

/**
 * The audit log: whether the signed hash chain is intact (city and IT admins, `AuditChainCard`), and a search of who read or changed
 * which record, when, from which device — newest first, a page at a time. Each search is itself audited.
 */
export function AuditPage({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const { api, orgs } = useConsole();
  const mayVerify = can(account.role, 'audit-verify');
  const maySearch = can(account.role, 'audit-search');
  // Who is behind an id, where the admin may list accounts and devices; otherwise the id is shown.
  const accounts = useAdminQuery('accounts', () => api.call('accounts.list', { limit: 500 }), {
    enabled: can(account.role, 'accounts-list'),
  });
  const devices = useAdminQuery('devices', () => api.call('devices.list', {}), {
    enabled: can(account.role, 'devices'),
  });
  const names = useMemo(
    () =>
      new Map<string, string>([
        ...(accounts.state.status === 'ok'
          ? accounts.state.value.accounts.map((a): [string, string] => [
              a.id,
              `${a.displayName} (${a.userName})`,
            ])
          : []),
        ...(devices.state.status === 'ok'
          ? devices.state.value.devices.map((d): [string, string] => [
              d.id,
              `${d.label} — ${orgs.name(d.orgUnitId)}`,
            ])
          : []),
      ]),
    [accounts.state, devices.state, orgs],
  );
  const [form, setForm] = useState<AuditForm>(emptyForm);
  const [entries, setEntries] = useState<readonly AuditEntry[]>([]);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<AdminProblem | undefined>(undefined);

  const search = useCallback(
    async (values: AuditForm, before?: number) => {
      setLoading(true);
      const answer = await api.call(
        'audit.search',
        auditQueryOf(values, before === undefined ? { limit: PAGE } : { before, limit: PAGE }),
      );
      setLoading(false);
      if (!answer.ok) {
        setProblem(answer.problem);
        return;
      }
      setProblem(undefined);
      setEntries((previous) =>
        before === undefined ? answer.value.entries : [...previous, ...answer.value.entries],
      );
      setMore(answer.value.entries.length === PAGE);
    },
    [api],
  );
  useEffect(() => {
    if (maySearch) void search(emptyForm);
  }, [maySearch, search]);

  const actorOf = (entry: AuditEntry) => {
    const actor = entry.actorAccountId;
    // A device acting on its own signs in as `device:<id>` (a device session), not as an account.
    if (actor !== null && !actor.startsWith('device:')) return names.get(actor) ?? actor;
    const device = entry.actorDeviceId ?? actor?.slice('device:'.length) ?? null;
    if (device === null) return t('admin.audit.system');
    const onDevice = t('admin.audit.device', { id: names.get(device) ?? device });
    // A station credits what it records (reads, prints, sign-ins) to the person signed in on it.
    const user = entry.detail['userName'];
    return typeof user === 'string' ? t('admin.audit.stationUser', { device: onDevice, user }) : onDevice;
  };
  const targetOf = (entry: AuditEntry) => {
    if (entry.targetId === null) return t('admin.none');
    const type = entry.targetType;
    const typeName = type === null ? '' : t(`admin.audit.targetTypes.${type}`, { defaultValue: type });
    return names.get(entry.targetId) ?? `${typeName} ${entry.targetId}`.trim();
  };
  return (
    <Space direction="vertical" size="large" className="hssk-page" data-testid="audit">
      <Typography.Title level={2}>{t('admin.audit.title')}</Typography.Title>
      <AuditChainCard mayVerify={mayVerify} />
      <Card title={t('admin.audit.searchTitle')}>
        {!maySearch ? (
          <ProblemNotice problem={{ status: 403, code: 'forbidden-role', message: '' }} />
        ) : (
          <Space direction="vertical" size="middle" className="hssk-page">
            <form
              className="hssk-audit-form"
              onSubmit={(event) => {
                event.preventDefault();
                void search(form);
              }}
            >
              <Input
                aria-label={t('admin.audit.targetId')}
                placeholder={t('admin.audit.targetId')}
                value={form.targetId}
                onChange={(event) => {
                  setForm({ ...form, targetId: event.target.value });
                }}
              />
              <Input
                aria-label={t('admin.audit.healthId')}
                placeholder={t('admin.audit.healthId')}
                id="audit-health-id"
                value={form.healthId}
                onChange={(event) => {
                  setForm({ ...form, healthId: event.target.value });
                }}
              />
              <Input
                aria-label={t('admin.audit.userName')}
                placeholder={t('admin.audit.userName')}
                id="audit-user-name"
                value={form.userName}
                onChange={(event) => {
                  setForm({ ...form, userName: event.target.value });
                }}
              />
              <Input
                aria-label={t('admin.audit.actor')}
                placeholder={t('admin.audit.actor')}
                value={form.actor}
                onChange={(event) => {
                  setForm({ ...form, actor: event.target.value });
                }}
              />
              <Select
                aria-label={t('admin.audit.actionGroup')}
                id="audit-action-group"
                value={form.actionGroup ?? ''}
                options={[
                  { value: '', label: t('admin.audit.anyGroup') },
                  ...auditActionGroupNames.map((group) => ({
                    value: group,
                    label: t(`admin.audit.groups.${group}`),
                  })),
                ]}
                onChange={(value: string) => {
                  setForm({ ...form, actionGroup: value === '' ? undefined : value });
                }}
              />
              <Select
                aria-label={t('admin.audit.action')}
                value={form.action ?? ''}
                showSearch
                optionFilterProp="label"
                options={[
                  { value: '', label: t('admin.audit.anyAction') },
                  ...auditActionCodes.map((code) => ({ value: code, label: auditActionLabel(code, t) })),
                ]}
                onChange={(value: string) => {
                  setForm({ ...form, action: value === '' ? undefined : value });
                }}
              />
              <DatePicker.RangePicker
                aria-label={t('admin.audit.period')}
                format="DD/MM/YYYY"
                onChange={(dates: [Dayjs | null, Dayjs | null] | null) => {
                  setForm({
                    ...form,
                    fromDate: dates?.[0]?.format('YYYY-MM-DD'),
                    toDate: dates?.[1]?.format('YYYY-MM-DD'),
                  });
                }}
              />
              <Button type="primary" htmlType="submit" loading={loading}>
                {t('admin.audit.search')}
              </Button>
            </form>
            {problem === undefined ? null : <ProblemNotice problem={problem} />}
            <Table<AuditEntry>
              rowKey="seq"
              size="small"
              data-testid="audit-table"
              loading={loading}
              dataSource={[...entries]}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('admin.audit.empty') }}
              columns={[
                { key: 'seq', title: '#', dataIndex: 'seq', align: 'right' },
                { key: 'at', title: t('admin.audit.columns.at'), render: (_, e) => formatDateTime(e.at) },
                {
                  key: 'action',
                  title: t('admin.audit.columns.action'),
                  render: (_, e) => auditActionLabel(e.action, t),
                },
                {
                  key: 'actor',
                  title: t('admin.audit.columns.actor'),
                  render: (_, e) => actorOf(e),
                },
                {
                  key: 'target',
                  title: t('admin.audit.columns.target'),
                  render: (_, e) => targetOf(e),
                },
                {
                  key: 'unit',
                  title: t('admin.audit.columns.unit'),
                  render: (_, e) => orgs.name(e.orgUnitId) || t('admin.none'),
                },
                {
                  key: 'detail',
                  title: t('admin.audit.columns.detail'),
                  render: (_, e) => <span className="hssk-detail">{auditDetailText(e.detail, t)}</span>,
                },
              ]}
            />
            {more ? (
              <Button onClick={() => void search(form, entries.at(-1)?.seq)} loading={loading}>
                {t('admin.audit.more')}
              </Button>
            ) : null}
          </Space>
        )}
      </Card>
    </Space>
  );
}
