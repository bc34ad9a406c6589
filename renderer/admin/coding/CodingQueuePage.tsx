import { App, Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createIcd10Search } from '#shared/clinical/icd10-search.ts';
import { formatPartialDate } from '#shared/dates/format-partial-date.ts';
import { loadIcd10Full, type Icd10Entry } from '#shared/reference-data/icd10-list.ts';
import type { UncodedDiagnosis } from '#shared/server-api/coding-queue.ts';
import { useConsole } from '../state/console-context.ts';
import { ProblemNotice } from '../ui/ProblemNotice.tsx';
import { useAdminQuery } from '../ui/use-admin-query.ts';

const rowKey = (item: UncodedDiagnosis) => `${item.encounterId}|${item.name}`;

/**
 * The district's coding queue: diagnoses written at the stations without an ICD-10 code, newest first, each coded
 * with a code searched by code, name or the words staff use, from the list valid on the visit's date. A coded
 * diagnosis leaves the list and reaches its station at the next sync.
 */
export function CodingQueuePage() {
  const { t } = useTranslation();
  const { api, orgs } = useConsole();
  const { message } = App.useApp();
  const queue = useAdminQuery('coding-queue', () => api.call('coding.list', {}));
  const [list, setList] = useState<readonly Icd10Entry[]>([]);
  const [chosen, setChosen] = useState<Readonly<Record<string, string>>>({});
  const [queries, setQueries] = useState<Readonly<Record<string, string>>>({});
  const [saving, setSaving] = useState<string | null>(null);
  useEffect(() => {
    void loadIcd10Full().then(setList);
  }, []);
  // One search per visit date (the ICD-10 edition in force that day), built when first needed.
  const searches = useMemo(() => new Map<string, ReturnType<typeof createIcd10Search>>(), [list]);
  const searchOn = (date: string) => {
    let search = searches.get(date);
    if (search === undefined) {
      search = createIcd10Search(list, date);
      searches.set(date, search);
    }
    return search;
  };

  async function save(item: UncodedDiagnosis) {
    const icd10 = chosen[rowKey(item)];
    if (icd10 === undefined) return;
    setSaving(rowKey(item));
    const answer = await api.call('coding.code', { encounterId: item.encounterId, name: item.name, icd10 });
    setSaving(null);
    if (!answer.ok) {
      void message.error(answer.problem.message);
      return;
    }
    void message.success(t('admin.coding.saved', { code: icd10 }));
    queue.reload();
  }

  const state = queue.state;
  return (
    <Space direction="vertical" size="large" className="hssk-page" data-testid="coding">
      <Typography.Title level={2}>{t('admin.coding.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('admin.coding.explain')}</Typography.Paragraph>
      {state.status === 'failed' ? <ProblemNotice problem={state.problem} /> : null}
      {state.status === 'ok' && state.value.more ? (
        <Typography.Text type="secondary">
          {t('admin.coding.scannedOnly', { scanned: state.value.scanned.toLocaleString('vi-VN') })}
        </Typography.Text>
      ) : null}
      <Table<UncodedDiagnosis>
        data-testid="coding-table"
        rowKey={rowKey}
        size="small"
        loading={state.status === 'loading'}
        pagination={false}
        dataSource={state.status === 'ok' ? state.value.items : []}
        locale={{ emptyText: t('admin.coding.empty') }}
        columns={[
          {
            key: 'date',
            title: t('admin.coding.date'),
            width: 110,
            render: (_, item) => formatPartialDate(item.date),
          },
          {
            key: 'unit',
            title: t('admin.coding.unit'),
            width: 220,
            render: (_, item) => orgs.name(item.orgUnitId),
          },
          {
            key: 'name',
            title: t('admin.coding.written'),
            render: (_, item) => (
              <Space>
                {item.name}
                {item.signed ? <Tag>{t('admin.coding.signed')}</Tag> : null}
              </Space>
            ),
          },
          {
            key: 'code',
            title: t('admin.coding.code'),
            width: 420,
            render: (_, item) => (
              <Space.Compact className="hssk-folder-field">
                <Select
                  showSearch
                  filterOption={false}
                  placeholder={t('admin.coding.search')}
                  aria-label={t('admin.coding.search')}
                  data-testid={`code-${item.encounterId}`}
                  style={{ width: '100%' }}
                  value={chosen[rowKey(item)] ?? null}
                  onSearch={(query) => {
                    setQueries({ ...queries, [rowKey(item)]: query });
                  }}
                  onChange={(code: string) => {
                    setChosen({ ...chosen, [rowKey(item)]: code });
                  }}
                  options={searchOn(item.date)(queries[rowKey(item)] ?? item.name, 20).map((match) => ({
                    value: match.code,
                    label: `${match.code} — ${match.name}`,
                  }))}
                />
                <Button
                  type="primary"
                  disabled={chosen[rowKey(item)] === undefined}
                  loading={saving === rowKey(item)}
                  onClick={() => void save(item)}
                >
                  {t('admin.coding.save')}
                </Button>
              </Space.Compact>
            ),
          },
        ]}
      />
    </Space>
  );
}
