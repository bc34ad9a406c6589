import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPartialDate } from '#shared/dates/format-partial-date.ts';
import type { AccountView } from '#shared/server-api/accounts.ts';
import type { IntakeReviewDecision, IntakeReviewItem } from '#shared/server-api/interop.ts';
import { formatDateTime, localIsoDate } from '../../common/format/format-date.ts';
import { useConsole } from '../state/console-context.ts';
import { ProblemNotice } from '../ui/ProblemNotice.tsx';
import { sexLabel, personStatusLabel } from '../ui/labels.ts';
import { useAdminQuery } from '../ui/use-admin-query.ts';

/**
 * Hospital visits the intake could not attach by itself, oldest first: several residents match (the candidates are
 * side by side with what the hospital sent), or nobody does and the address is outside the city's communes. The admin
 * attaches the visit to one resident, or creates a resident in a commune of their area; it reaches that station at
 * its next sync.
 */
export function IntakeReviewTab({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const { api, orgs } = useConsole();
  const { message } = App.useApp();
  const queue = useAdminQuery('intake-review', () => api.call('intake.review', {}));
  const [busy, setBusy] = useState<string | null>(null);
  const [communes, setCommunes] = useState<Readonly<Record<string, string>>>({});
  const stations = orgs
    .unitsUnder(account.orgUnitId, localIsoDate(new Date()))
    .filter((unit) => unit.kind === 'commune-station' && unit.commune !== undefined);

  async function decide(item: IntakeReviewItem, decision: IntakeReviewDecision) {
    setBusy(item.visitKey);
    const answer = await api.call('intake.decide', {
      facilityCode: item.facilityCode,
      visitKey: item.visitKey,
      decision,
    });
    setBusy(null);
    if (!answer.ok) {
      void message.error(answer.problem.message);
      return;
    }
    void message.success(t('admin.hospitals.decided', { healthId: answer.value.healthId }));
    queue.reload();
  }

  const state = queue.state;
  if (state.status === 'failed') return <ProblemNotice problem={state.problem} />;
  if (state.status === 'ok' && state.value.items.length === 0)
    return <Empty description={t('admin.hospitals.reviewEmpty')} data-testid="intake-review-empty" />;
  return (
    <Space direction="vertical" size="middle" className="hssk-wide" data-testid="intake-review">
      <Typography.Paragraph type="secondary">{t('admin.hospitals.reviewExplain')}</Typography.Paragraph>
      {(state.status === 'ok' ? state.value.items : []).map((item) => (
        <Card
          key={`${item.facilityCode}|${item.visitKey}`}
          size="small"
          data-testid="intake-review-item"
          title={
            <Space wrap>
              <Typography.Text strong>{item.facilityName}</Typography.Text>
              <Typography.Text type="secondary">
                {t('admin.hospitals.hosoKey', { key: item.visitKey })}
              </Typography.Text>
              <Tag color={item.reason === 'ambiguous' ? 'orange' : 'red'}>
                {t(`admin.hospitals.reason.${item.reason}`)}
              </Tag>
            </Space>
          }
        >
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('admin.hospitals.patient')}>
              {item.patient.fullName}
            </Descriptions.Item>
            <Descriptions.Item label={t('admin.hospitals.birthSex')}>
              {formatPartialDate(item.patient.dateOfBirth)} · {sexLabel(item.patient.sex, t)}
            </Descriptions.Item>
            <Descriptions.Item label={t('admin.hospitals.personalId')}>
              {item.patient.personalId ?? t('admin.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('admin.hospitals.card')}>
              {item.patient.bhytCard ?? t('admin.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('admin.hospitals.address')} span={2}>
              {[
                item.patient.addressDetail,
                item.patient.communeCode === undefined
                  ? undefined
                  : t('admin.hospitals.communeCode', {
                      code: item.patient.communeCode,
                      province: item.patient.provinceCode ?? '',
                    }),
              ]
                .filter((part) => part !== undefined)
                .join(' · ') || t('admin.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('admin.hospitals.visit')} span={2}>
              {formatPartialDate(item.visitDate)} ·{' '}
              {item.diagnoses.map((d) => `${d.icd10} ${d.name}`).join('; ')} ·{' '}
              {t('admin.hospitals.receivedAt', { at: formatDateTime(item.receivedAt) })}
            </Descriptions.Item>
          </Descriptions>
          {item.candidates.length === 0 ? null : (
            <Table
              className="hssk-candidates"
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={item.candidates}
              columns={[
                { key: 'name', title: t('admin.hospitals.candidate'), render: (_, c) => c.fullName },
                {
                  key: 'birth',
                  title: t('admin.hospitals.birthSex'),
                  render: (_, c) => `${formatPartialDate(c.dateOfBirth)} · ${sexLabel(c.sex, t)}`,
                },
                { key: 'healthId', title: t('admin.hospitals.healthId'), render: (_, c) => c.healthId },
                {
                  key: 'personalId',
                  title: t('admin.hospitals.personalId'),
                  render: (_, c) => c.personalId ?? t('admin.none'),
                },
                {
                  key: 'unit',
                  title: t('admin.hospitals.managedBy'),
                  render: (_, c) => `${orgs.name(c.orgUnitId)} · ${personStatusLabel(c.status, t)}`,
                },
                {
                  key: 'attach',
                  title: '',
                  render: (_, c) => (
                    <Popconfirm
                      title={t('admin.hospitals.attachConfirm', { name: c.fullName })}
                      okText={t('admin.hospitals.attach')}
                      cancelText={t('admin.cancel')}
                      onConfirm={() => {
                        void decide(item, { action: 'attach', personId: c.id });
                      }}
                    >
                      <Button
                        size="small"
                        type="primary"
                        loading={busy === item.visitKey}
                        data-testid={`attach-${c.id}`}
                      >
                        {t('admin.hospitals.attach')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]}
            />
          )}
          <Space className="hssk-create-resident" wrap>
            <Typography.Text>{t('admin.hospitals.createLabel')}</Typography.Text>
            <Select
              showSearch
              optionFilterProp="label"
              className="hssk-commune-select"
              placeholder={t('admin.hospitals.chooseCommune')}
              aria-label={t('admin.hospitals.chooseCommune')}
              data-testid={`commune-${item.visitKey}`}
              value={communes[item.visitKey] ?? null}
              onChange={(code: string) => {
                setCommunes({ ...communes, [item.visitKey]: code });
              }}
              options={stations.map((unit) => ({ value: unit.commune?.code ?? '', label: unit.name }))}
            />
            <Popconfirm
              title={t('admin.hospitals.createConfirm')}
              okText={t('admin.hospitals.create')}
              cancelText={t('admin.cancel')}
              disabled={communes[item.visitKey] === undefined}
              onConfirm={() => {
                void decide(item, { action: 'create', communeCode: communes[item.visitKey] ?? '' });
              }}
            >
              <Button
                disabled={communes[item.visitKey] === undefined}
                loading={busy === item.visitKey}
                data-testid={`create-${item.visitKey}`}
              >
                {t('admin.hospitals.create')}
              </Button>
            </Popconfirm>
          </Space>
        </Card>
      ))}
    </Space>
  );
}
