import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { hanoiOrgUnits } from '#shared/org-units/hanoi-org-units.ts';
import type { Encounter } from '#shared/schemas/encounter.ts';
import { formatDateTime, formatPartialDate } from '../../common/format/format-date.ts';
import { useStation } from '../state/station-context.ts';
import { ExamSummaryPrint } from '../print/ExamSummaryPrint.tsx';
import { PersonalHealthRecordPrint } from '../print/PersonalHealthRecordPrint.tsx';
import { recordTabs, type RecordTab, type Route } from '../state/navigation-store.ts';
import { AdministrativeTab } from './AdministrativeTab.tsx';
import type { PartAEdit } from './part-a-sections.ts';
import { HistoryTab } from './HistoryTab.tsx';
import { ImmunizationsTab } from './ImmunizationsTab.tsx';
import { StatusActions } from './StatusActions.tsx';
import { TimelineTab } from './TimelineTab.tsx';
import { useResidentRecord } from './use-resident-record.ts';

type Printing = { readonly kind: 'record' } | { readonly kind: 'exam'; readonly encounter: Encounter };

/**
 * A resident's record (QĐ 831 parts A–D as tabs), with a new exam, marking moved away or deceased, and printing the
 * personal health record or an exam summary (A4). What is printed is always in the page, hidden on screen.
 */
export function ResidentRecordPage({
  id,
  tab,
  edit,
  back,
}: {
  id: string;
  tab: RecordTab;
  edit?: PartAEdit | undefined;
  back?: Extract<Route, { name: 'residents' }> | undefined;
}) {
  const { t } = useTranslation();
  const station = useStation();
  const go = useStore(station.navigation, (s) => s.go);
  const view = useStore(station.session, (s) => s.view);
  const unitName = hanoiOrgUnits().find((unit) => unit.id === view?.orgUnitId)?.name ?? t('app.stationOf');
  const { record, problem, reload } = useResidentRecord(station.api, id);
  const [active, setActive] = useState<RecordTab>(tab);
  const [printing, setPrinting] = useState<Printing>({ kind: 'record' });
  const [printRequest, setPrintRequest] = useState(0);
  useEffect(() => {
    if (printRequest === 0) return;
    // A print is recorded in the access log like a read, then the browser prints.
    void station.api.call('residents.printed', { id }).then(() => {
      window.print();
    });
  }, [printRequest, station.api, id]);

  if (problem !== null && record === null) return <Alert type="error" showIcon message={problem.message} />;
  if (record === null) return <Spin size="large" />;
  const { person } = record;
  const print = (what: Printing) => {
    setPrinting(what);
    setPrintRequest((n) => n + 1);
  };
  return (
    <Space direction="vertical" size="middle" className="hssk-page" data-testid="resident-record">
      <Space align="baseline" wrap className="hssk-page-title">
        <Typography.Title level={2} data-testid="record-name">
          {person.fullName}
        </Typography.Title>
        <Typography.Text className="hssk-record-health-id">{person.healthId}</Typography.Text>
        <Typography.Text type="secondary">
          {formatPartialDate(person.dateOfBirth)} · {t(`residents.sex.${person.sex}`)}
        </Typography.Text>
        <Tag color={person.status === 'active' ? 'green' : 'orange'} data-testid="record-status">
          {t(`residents.status.${person.status}`)}
        </Tag>
        <Typography.Text type="secondary" data-testid="record-updated">
          {person.updatedBy === undefined
            ? t('record.updatedAt', { at: formatDateTime(person.updatedAt) })
            : t('record.updatedAtBy', { at: formatDateTime(person.updatedAt), by: person.updatedBy })}
        </Typography.Text>
      </Space>
      <Space wrap>
        {back === undefined ? null : (
          <Button
            icon={<ArrowLeftOutlined />}
            data-testid="back-to-results"
            onClick={() => {
              go(back);
            }}
          >
            {t('residents.backToResults')}
          </Button>
        )}
        {person.status === 'active' ? (
          <Button
            type="primary"
            onClick={() => {
              go({ name: 'exam', personId: person.id });
            }}
          >
            {t('record.newExam')}
          </Button>
        ) : null}
        <Button
          icon={<PrinterOutlined />}
          onClick={() => {
            print({ kind: 'record' });
          }}
        >
          {t('print.record')}
        </Button>
        <StatusActions person={person} onChanged={reload} />
      </Space>
      {person.status === 'merged' && person.mergedInto !== undefined ? (
        <Alert
          type="warning"
          showIcon
          data-testid="merged-redirect"
          message={t('record.mergedInto')}
          action={
            <Button
              size="small"
              onClick={() => {
                go({ name: 'resident', id: person.mergedInto ?? person.id });
              }}
            >
              {t('record.openSurvivor')}
            </Button>
          }
        />
      ) : null}
      {problem === null ? null : <Alert type="error" showIcon message={problem.message} />}
      <Tabs
        activeKey={active}
        onChange={(key) => {
          setActive(key as RecordTab);
        }}
        items={recordTabs.map((key) => ({
          key,
          label: t(`record.tabs.${key}`),
          children:
            key === 'administrative' ? (
              <AdministrativeTab person={person} onSaved={reload} editing={edit} />
            ) : key === 'history' ? (
              <HistoryTab key={person.updatedAt} person={person} onSaved={reload} />
            ) : key === 'immunizations' ? (
              <ImmunizationsTab record={record} onChanged={reload} />
            ) : (
              <TimelineTab
                record={record}
                onPrintExam={(encounter) => {
                  print({ kind: 'exam', encounter });
                }}
              />
            ),
        }))}
      />
      {printing.kind === 'record' ? (
        <PersonalHealthRecordPrint record={record} unitName={unitName} />
      ) : (
        <ExamSummaryPrint person={person} encounter={printing.encounter} unitName={unitName} />
      )}
    </Space>
  );
}
