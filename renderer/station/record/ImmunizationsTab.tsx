import { Alert, App, Button, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImmunizationDue } from '#shared/clinical/immunization-due.ts';
import type { Immunization } from '#shared/schemas/immunization.ts';
import type { ResidentRecord, StationIssue } from '#shared/station-api/station-api.ts';
import { formatPartialDate, localIsoDate } from '../../common/format/format-date.ts';
import { useStation } from '../state/station-context.ts';
import { ImmunizationEntryModal, type DoseToRecord } from './ImmunizationEntryModal.tsx';
import { vaccineName } from './reference-names.ts';

const dueColour = { overdue: 'red', due: 'orange', upcoming: 'blue' } as const;

/**
 * QĐ 831 part C: the doses given, and the child schedule's next doses (overdue, due, upcoming) from
 * `immunizations.due`; a due line records its dose in one step, and a dose recorded by mistake is marked entered in
 * error after a confirmation (never deleted).
 */
export function ImmunizationsTab({
  record,
  onChanged,
}: {
  record: ResidentRecord;
  onChanged: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const station = useStation();
  const { message } = App.useApp();
  const [due, setDue] = useState<readonly ImmunizationDue[] | null>(null);
  const [dueProblem, setDueProblem] = useState<StationIssue | null>(null);
  const [entry, setEntry] = useState<DoseToRecord | null>(null);
  const personId = record.person.id;
  const dosesGiven = new Map<string, number>();
  for (const dose of record.immunizations)
    if (dose.status === 'recorded')
      dosesGiven.set(dose.vaccineCode, Math.max(dose.dose, dosesGiven.get(dose.vaccineCode) ?? 0));
  const loadDue = useCallback(async () => {
    const answer = await station.api.call('immunizations.due', {
      personId,
      onDate: localIsoDate(station.clock.now()),
    });
    if (answer.ok) {
      setDue(answer.value.due);
      setDueProblem(null);
    } else setDueProblem(answer.errors[0] ?? null);
  }, [station, personId]);
  useEffect(() => {
    void loadDue();
  }, [loadDue, record]);
  async function markEnteredInError(id: string) {
    const answer = await station.api.call('immunizations.markEnteredInError', { id, confirmed: true });
    if (!answer.ok) {
      void message.error(answer.errors[0]?.message ?? '');
      return;
    }
    void message.success(t('record.c.markedError'));
    await onChanged();
  }

  const given: TableColumnsType<Immunization> = [
    { title: t('record.c.vaccine'), key: 'vaccine', render: (_, dose) => vaccineName(dose.vaccineCode) },
    { title: t('record.c.dose'), dataIndex: 'dose', key: 'dose', width: 80 },
    { title: t('record.c.date'), key: 'date', width: 120, render: (_, dose) => formatPartialDate(dose.date) },
    { title: t('record.c.lot'), dataIndex: 'lot', key: 'lot', width: 120 },
    { title: t('record.c.reaction'), dataIndex: 'reaction', key: 'reaction' },
    {
      title: t('record.c.nextAppointment'),
      key: 'next',
      width: 140,
      render: (_, dose) =>
        dose.nextAppointment === undefined ? null : formatPartialDate(dose.nextAppointment),
    },
    {
      title: t('residents.columns.status'),
      key: 'status',
      width: 290,
      render: (_, dose) =>
        dose.status === 'entered-in-error' ? (
          <Tag color="default">{t('record.c.enteredInError')}</Tag>
        ) : (
          <Space size={4}>
            {dose.status === 'not-vaccinated' ? (
              <Tag color="gold" data-testid={`not-vaccinated-${dose.vaccineCode}-${String(dose.dose)}`}>
                {t('record.c.notVaccinated')}
              </Tag>
            ) : null}
            <Popconfirm
              title={t('record.c.markErrorConfirm', {
                vaccine: vaccineName(dose.vaccineCode),
                dose: dose.dose,
                date: formatPartialDate(dose.date),
              })}
              okText={t('record.c.markErrorOk')}
              okButtonProps={{ danger: true }}
              cancelText={t('record.cancel')}
              onConfirm={() => void markEnteredInError(dose.id)}
            >
              <Button size="small" data-testid={`mark-error-${dose.vaccineCode}-${String(dose.dose)}`}>
                {t('record.c.markError')}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];
  const dueColumns: TableColumnsType<ImmunizationDue> = [
    { title: t('record.c.vaccine'), key: 'vaccine', render: (_, line) => vaccineName(line.vaccineCode) },
    { title: t('record.c.dose'), dataIndex: 'dose', key: 'dose', width: 80 },
    {
      title: t('record.c.dueDate'),
      key: 'dueDate',
      width: 120,
      render: (_, line) => formatPartialDate(line.dueDate),
    },
    {
      title: t('residents.columns.status'),
      key: 'status',
      width: 140,
      render: (_, line) => <Tag color={dueColour[line.status]}>{t(`record.c.status.${line.status}`)}</Tag>,
    },
    {
      title: '',
      key: 'record',
      width: 160,
      render: (_, line) =>
        record.person.status === 'active' ? (
          <Button
            size="small"
            type={line.status === 'upcoming' ? 'default' : 'primary'}
            data-testid={`record-dose-${line.vaccineCode}-${String(line.dose)}`}
            onClick={() => {
              setEntry(line);
            }}
          >
            {t('record.c.recordDose')}
          </Button>
        ) : null,
    },
  ];
  return (
    <div data-testid="part-c">
      <Typography.Title level={4}>{t('record.c.dueTitle')}</Typography.Title>
      {dueProblem === null ? (
        <Table<ImmunizationDue>
          data-testid="immunizations-due"
          rowKey={(line) => `${line.vaccineCode}-${String(line.dose)}`}
          size="small"
          pagination={false}
          loading={due === null}
          columns={dueColumns}
          dataSource={[...(due ?? [])]}
          locale={{ emptyText: t('record.c.nothingDue') }}
        />
      ) : (
        <Alert type="info" showIcon message={dueProblem.message} />
      )}
      <Space align="baseline" className="hssk-page-title">
        <Typography.Title level={4}>{t('record.c.givenTitle')}</Typography.Title>
        {record.person.status === 'active' ? (
          <Button
            onClick={() => {
              setEntry({ vaccineCode: null, dose: 1 });
            }}
          >
            {t('record.c.recordOther')}
          </Button>
        ) : null}
      </Space>
      <Table<Immunization>
        data-testid="immunizations-given"
        rowKey="id"
        size="small"
        pagination={false}
        columns={given}
        dataSource={[...record.immunizations]}
        locale={{ emptyText: t('record.c.noneGiven') }}
      />
      {entry === null ? null : (
        <ImmunizationEntryModal
          personId={personId}
          initial={entry}
          dosesGiven={dosesGiven}
          onClose={() => {
            setEntry(null);
          }}
          onRecorded={onChanged}
        />
      )}
    </div>
  );
}
