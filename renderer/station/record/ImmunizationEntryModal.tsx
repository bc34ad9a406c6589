import { lotRequired, questionedDoseCodes } from '#shared/clinical/dose-safety.ts';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  vaccineCatalogue,
  vaccineGroupOf,
  vaccineGroups,
  vaccineMatches,
} from '#shared/reference-data/vaccine-catalogue.ts';
import type { StationIssue } from '#shared/station-api/station-api.ts';
import { localIsoDate } from '../../common/format/format-date.ts';
import { useStation } from '../state/station-context.ts';
import { vaccineName } from './reference-names.ts';

/** What the dialog starts from: a line of the due list (vaccine, dose, due date), or a vaccine chosen in it. */
export type DoseToRecord = {
  readonly vaccineCode: string | null;
  readonly dose: number;
  readonly dueDate?: string;
};

/** Tetanus for pregnant women: the form asks for the month of pregnancy (QĐ 831 part C 3). */
const PREGNANCY_VACCINES: ReadonlySet<string> = new Set(['TT']);

/**
 * Records one dose (QĐ 831 part C) with `immunizations.record`, or notes "Chưa chủng ngừa" for it. From the due list
 * the vaccine and dose are given; otherwise the vaccine is chosen from the whole catalogue (programme and service
 * vaccines, grouped, found by name, code or common name) and the dose follows the doses already recorded. The date
 * (today unless changed), lot, reaction and next appointment are typed. The core validates.
 */
export function ImmunizationEntryModal({
  personId,
  initial,
  dosesGiven,
  onClose,
  onRecorded,
}: {
  personId: string;
  initial: DoseToRecord;
  /** The highest dose recorded per vaccine, to number a dose recorded outside the due list. */
  dosesGiven: ReadonlyMap<string, number>;
  onClose: () => void;
  onRecorded: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const station = useStation();
  const { notification } = App.useApp();
  const [date, setDate] = useState<Dayjs>(dayjs(station.clock.now()));
  const [vaccineCode, setVaccineCode] = useState<string | null>(initial.vaccineCode);
  const [dose, setDose] = useState<number>(initial.dose);
  const [pregnancyMonth, setPregnancyMonth] = useState<number | null>(null);
  const [lot, setLot] = useState('');
  const [reaction, setReaction] = useState('');
  const [next, setNext] = useState<Dayjs | null>(null);
  const [issues, setIssues] = useState<readonly StationIssue[]>([]);
  const [busy, setBusy] = useState(false);
  // What the schedule questions about this dose, once the core said so: recorded only with a reason.
  const [questioned, setQuestioned] = useState<readonly StationIssue[]>([]);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [notVaccinated, setNotVaccinated] = useState(false);
  const needsLot = vaccineCode !== null && lotRequired(vaccineCode, localIsoDate(date.toDate()));
  async function record() {
    if (vaccineCode === null) return;
    if (questioned.length > 0 && !notVaccinated && reason.trim() === '') {
      setReasonMissing(true);
      return;
    }
    setBusy(true);
    const answer = await station.api.call('immunizations.record', {
      ...(questioned.length > 0 && !notVaccinated ? { reason: reason.trim() } : {}),
      ...(notVaccinated ? { notVaccinated: true as const } : {}),
      entry: {
        personId,
        vaccineCode,
        dose,
        ...(pregnancyMonth === null || !PREGNANCY_VACCINES.has(vaccineCode) ? {} : { pregnancyMonth }),
        date: localIsoDate(date.toDate()),
        ...(lot.trim() === '' || notVaccinated ? {} : { lot }),
        ...(reaction.trim() === '' || notVaccinated ? {} : { reaction }),
        ...(next === null ? {} : { nextAppointment: localIsoDate(next.toDate()) }),
      },
    });
    setBusy(false);
    if (!answer.ok) {
      if (answer.errors.every((error) => questionedDoseCodes.has(error.code))) {
        setQuestioned(answer.errors);
        setIssues([]);
      } else setIssues(answer.errors);
      return;
    }
    const warnings = answer.value.warnings;
    if (warnings.length > 0)
      notification.warning({
        message: t('record.c.recordedWithWarnings'),
        description: warnings.map((warning) => warning.message).join(' '),
        duration: 0,
      });
    await onRecorded();
    onClose();
  }
  return (
    <Modal
      open
      title={
        vaccineCode === null
          ? t('record.c.recordOther')
          : t('record.c.recordTitle', { vaccine: vaccineName(vaccineCode) })
      }
      okText={
        notVaccinated
          ? t('record.c.notVaccinatedOk')
          : questioned.length > 0
            ? t('record.c.recordWithReason')
            : t('record.c.recordOk')
      }
      okButtonProps={{ disabled: vaccineCode === null }}
      cancelText={t('record.cancel')}
      confirmLoading={busy}
      onOk={() => void record()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form layout="vertical" data-testid="immunization-entry">
        <Form.Item label={t('record.c.givenOrNot')}>
          <Radio.Group
            id="given-or-not"
            optionType="button"
            value={notVaccinated}
            onChange={(e) => {
              setNotVaccinated(e.target.value as boolean);
              setQuestioned([]);
              setIssues([]);
            }}
            options={[
              { value: false, label: t('record.c.given') },
              { value: true, label: t('record.c.notVaccinated') },
            ]}
          />
        </Form.Item>
        {initial.dueDate === undefined ? (
          <Form.Item label={t('record.c.vaccine')} required>
            <Select
              id="vaccine"
              showSearch
              placeholder={t('record.c.vaccineSearch')}
              filterOption={(query, option) =>
                option !== undefined && 'value' in option && vaccineMatches(query, String(option.value))
              }
              value={vaccineCode}
              onChange={(code: string) => {
                setVaccineCode(code);
                setDose((dosesGiven.get(code) ?? 0) + 1);
                setQuestioned([]);
              }}
              options={vaccineGroups.map((group) => ({
                label: t(`record.c.group.${group}`),
                title: t(`record.c.group.${group}`),
                options: vaccineCatalogue
                  .filter((entry) => vaccineGroupOf(entry) === group)
                  .map((entry) => ({ value: entry.code, label: entry.name })),
              }))}
            />
          </Form.Item>
        ) : (
          <Typography.Paragraph type="secondary">
            {t('record.c.dueOn', { date: dayjs(initial.dueDate).format('DD/MM/YYYY') })}
          </Typography.Paragraph>
        )}
        <Form.Item label={t('record.c.dose')}>
          <InputNumber
            id="dose"
            min={1}
            max={20}
            value={dose}
            onChange={(v) => {
              setDose(v ?? initial.dose);
            }}
          />
        </Form.Item>
        {vaccineCode !== null && PREGNANCY_VACCINES.has(vaccineCode) ? (
          <Form.Item label={t('record.c.pregnancyMonth')}>
            <InputNumber
              id="pregnancy-month"
              min={1}
              max={10}
              value={pregnancyMonth}
              onChange={(v) => {
                setPregnancyMonth(v);
              }}
            />
          </Form.Item>
        ) : null}
        <Form.Item label={notVaccinated ? t('record.c.notedOn') : t('record.c.date')} required>
          <DatePicker
            id="dose-date"
            format={['DD/MM/YYYY', 'DDMMYYYY']}
            value={date}
            maxDate={dayjs(station.clock.now())}
            allowClear={false}
            onChange={(value: Dayjs | null) => {
              if (value !== null) setDate(value);
            }}
          />
        </Form.Item>
        {notVaccinated ? null : (
          <>
            <Form.Item label={needsLot ? t('record.c.lot') : t('record.c.lotOptional')} required={needsLot}>
              <Input
                id="lot"
                maxLength={50}
                value={lot}
                onChange={(e) => {
                  setLot(e.target.value);
                }}
              />
            </Form.Item>
            <Form.Item label={t('record.c.reaction')}>
              <Input
                id="reaction"
                maxLength={500}
                value={reaction}
                onChange={(e) => {
                  setReaction(e.target.value);
                }}
              />
            </Form.Item>
          </>
        )}
        <Form.Item label={t('record.c.nextAppointment')}>
          <DatePicker
            id="next-appointment"
            format={['DD/MM/YYYY', 'DDMMYYYY']}
            value={next}
            onChange={(value: Dayjs | null) => {
              setNext(value);
            }}
          />
        </Form.Item>
        {questioned.length === 0 || notVaccinated ? null : (
          <>
            <Alert
              type="warning"
              showIcon
              data-testid="dose-questioned"
              message={t('record.c.questioned')}
              description={questioned.map((finding) => finding.message).join(' ')}
            />
            <Form.Item
              label={t('record.c.reason')}
              required
              validateStatus={reasonMissing ? 'error' : ''}
              help={reasonMissing ? t('record.c.reasonMissing') : undefined}
            >
              <Input.TextArea
                id="dose-reason"
                rows={2}
                maxLength={500}
                value={reason}
                onChange={(e) => {
                  setReason(e.target.value);
                  setReasonMissing(false);
                }}
              />
            </Form.Item>
          </>
        )}
        {issues.map((issue, index) => (
          <Alert key={index} type="error" showIcon message={issue.message} role="alert" />
        ))}
      </Form>
    </Modal>
  );
}
