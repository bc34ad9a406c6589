import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Input,
  Modal,
  Radio,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPartialDate } from '#shared/dates/format-partial-date.ts';
import type { ResidentCard } from '#shared/server-api/residents.ts';
import { formatDateTime } from '../../common/format/format-date.ts';
import type { AdminProblem } from '../api/admin-http.ts';
import { useConsole } from '../state/console-context.ts';
import { ProblemNotice } from '../ui/ProblemNotice.tsx';

/**
 * One resident found by health ID, inside the admin's subtree (the look-up is audited), and the district's correction
 * of a recorded death: alive after all, or another date of death, always with the reason. The correction reaches the
 * stations that hold the resident at their next sync.
 */
export function ResidentPage() {
  const { t } = useTranslation();
  const { api, orgs } = useConsole();
  const { message } = App.useApp();
  const [healthId, setHealthId] = useState('');
  const [resident, setResident] = useState<ResidentCard | null>(null);
  const [problem, setProblem] = useState<AdminProblem | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const [kind, setKind] = useState<'alive' | 'death-date'>('alive');
  const [deathDate, setDeathDate] = useState<Dayjs | null>(null);
  const [reason, setReason] = useState('');
  const [correctionProblem, setCorrectionProblem] = useState<string | null>(null);

  async function find() {
    setLoading(true);
    const answer = await api.call('residents.lookUp', { healthId: healthId.replace(/\s+/g, '') });
    setLoading(false);
    if (!answer.ok) {
      setResident(null);
      setProblem(answer.problem);
      return;
    }
    setProblem(undefined);
    setResident(answer.value.resident);
  }
  async function correct() {
    if (resident === null) return;
    setLoading(true);
    const answer = await api.call('residents.correctDeath', {
      id: resident.id,
      correction:
        kind === 'alive'
          ? { kind: 'alive' }
          : { kind: 'death-date', deathDate: deathDate?.format('YYYY-MM-DD') ?? '' },
      reason: reason.trim(),
    });
    setLoading(false);
    if (!answer.ok) {
      setCorrectionProblem(answer.problem.message);
      return;
    }
    setResident(answer.value.resident);
    setCorrecting(false);
    setReason('');
    void message.success(t('admin.residents.corrected'));
  }
  return (
    <Space direction="vertical" size="large" className="hssk-page" data-testid="residents">
      <Typography.Title level={2}>{t('admin.residents.title')}</Typography.Title>
      <Card>
        <form
          className="hssk-audit-form"
          onSubmit={(event) => {
            event.preventDefault();
            void find();
          }}
        >
          <Input
            id="resident-health-id"
            aria-label={t('admin.residents.healthId')}
            placeholder={t('admin.residents.healthId')}
            value={healthId}
            onChange={(event) => {
              setHealthId(event.target.value);
            }}
          />
          <Button type="primary" htmlType="submit" loading={loading}>
            {t('admin.residents.find')}
          </Button>
        </form>
        <Typography.Paragraph type="secondary" className="hssk-hint">
          {t('admin.residents.explain')}
        </Typography.Paragraph>
      </Card>
      {problem === undefined ? null : <ProblemNotice problem={problem} />}
      {resident === null ? null : (
        <Card
          title={resident.fullName}
          data-testid="resident-card"
          extra={
            resident.status === 'deceased' ? (
              <Button
                danger
                onClick={() => {
                  setKind('alive');
                  setCorrectionProblem(null);
                  setCorrecting(true);
                }}
              >
                {t('admin.residents.correctDeath')}
              </Button>
            ) : null
          }
        >
          <Descriptions
            size="small"
            column={2}
            items={[
              { key: 'healthId', label: t('admin.residents.healthIdShort'), children: resident.healthId },
              {
                key: 'born',
                label: t('admin.residents.dateOfBirth'),
                children: formatPartialDate(resident.dateOfBirth),
              },
              {
                key: 'sex',
                label: t('admin.residents.sex'),
                children: t(`admin.residents.sexes.${resident.sex}`, { defaultValue: resident.sex }),
              },
              { key: 'unit', label: t('admin.residents.unit'), children: orgs.name(resident.orgUnitId) },
              {
                key: 'status',
                label: t('admin.residents.status'),
                children: (
                  <Tag
                    color={resident.status === 'active' ? 'green' : 'orange'}
                    data-testid="resident-status"
                  >
                    {t(`admin.residents.statuses.${resident.status}`, { defaultValue: resident.status })}
                    {resident.deathDate === undefined ? '' : ` ${formatPartialDate(resident.deathDate)}`}
                  </Tag>
                ),
              },
              {
                key: 'updated',
                label: t('admin.residents.updated'),
                children: `${formatDateTime(resident.updatedAt)}${resident.updatedBy === undefined ? '' : ` — ${resident.updatedBy}`}`,
              },
            ]}
          />
        </Card>
      )}
      <Modal
        open={correcting}
        title={t('admin.residents.correctTitle')}
        okText={t('admin.residents.correctOk')}
        cancelText={t('admin.cancel')}
        okButtonProps={{
          disabled: reason.trim().length < 10 || (kind === 'death-date' && deathDate === null),
        }}
        confirmLoading={loading}
        onOk={() => void correct()}
        onCancel={() => {
          setCorrecting(false);
        }}
        destroyOnHidden
      >
        <Space direction="vertical" className="hssk-page">
          <Radio.Group
            id="death-correction-kind"
            value={kind}
            onChange={(event) => {
              setKind(event.target.value as 'alive' | 'death-date');
            }}
            options={[
              { value: 'alive', label: t('admin.residents.alive') },
              { value: 'death-date', label: t('admin.residents.otherDate') },
            ]}
          />
          {kind === 'death-date' ? (
            <DatePicker
              id="death-correction-date"
              format={['DD/MM/YYYY', 'DDMMYYYY']}
              value={deathDate}
              onChange={setDeathDate}
            />
          ) : null}
          <Input.TextArea
            id="death-correction-reason"
            rows={3}
            maxLength={500}
            placeholder={t('admin.residents.reason')}
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
            }}
          />
          <Typography.Text type="secondary">{t('admin.residents.reachesStations')}</Typography.Text>
          {correctionProblem === null ? null : (
            <Alert type="error" showIcon role="alert" message={correctionProblem} />
          )}
        </Space>
      </Modal>
    </Space>
  );
}
