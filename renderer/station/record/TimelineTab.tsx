import { Button, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { Encounter } from '#shared/schemas/encounter.ts';
import type { ResidentRecord } from '#shared/station-api/station-api.ts';
import { formatDateTime, formatPartialDate, localIsoDate } from '../../common/format/format-date.ts';
import { useStation } from '../state/station-context.ts';
import { HospitalVisitDetails } from './HospitalVisitDetails.tsx';

/**
 * QĐ 831 part D with the hospital visits received through interop, as one timeline, newest first: each exam opens
 * (a draft to continue, a signed one to read, amend or print); a hospital visit names the hospital, the stay and a
 * follow-up appointment, and unfolds what the hospital sent.
 */
export function TimelineTab({
  record,
  onPrintExam,
}: {
  record: ResidentRecord;
  onPrintExam: (encounter: Encounter) => void;
}) {
  const { t } = useTranslation();
  const station = useStation();
  const go = useStore(station.navigation, (s) => s.go);
  const [unfolded, setUnfolded] = useState<string | null>(null);
  const today = localIsoDate(new Date());
  const encounters = [...record.encounters].sort((a, b) =>
    a.date === b.date ? b.createdAt.localeCompare(a.createdAt) : b.date.localeCompare(a.date),
  );
  if (encounters.length === 0) return <Empty description={t('record.d.none')} />;
  return (
    <Timeline
      data-testid="timeline"
      items={encounters.map((encounter) => {
        const hospital = encounter.kind === 'hospital-visit' || encounter.source.kind === 'interop';
        const sent = encounter.hospital;
        const followUp = sent?.followUp?.date;
        const diagnoses = encounter.diagnoses
          .map((d) => (d.icd10 === undefined ? `${d.name} (${t('exam.uncoded')})` : `${d.icd10} ${d.name}`))
          .join('; ');
        return {
          key: encounter.id,
          color: hospital ? 'purple' : encounter.status === 'signed' ? 'green' : 'gray',
          children: (
            <div data-testid="timeline-item" data-status={encounter.status}>
              <Space wrap>
                <Typography.Text strong>{formatPartialDate(encounter.date)}</Typography.Text>
                <Tag color={hospital ? 'purple' : 'blue'}>{t(`record.d.kind.${encounter.kind}`)}</Tag>
                <Tag color={encounter.status === 'signed' ? 'green' : 'default'}>
                  {t(`record.d.status.${encounter.status}`)}
                </Tag>
                {encounter.amends === undefined ? null : <Tag>{t('record.d.amendment')}</Tag>}
                {sent === undefined ? (
                  <Typography.Text type="secondary">{encounter.source.facilityCode}</Typography.Text>
                ) : (
                  <Typography.Text strong data-testid="hospital-name">
                    {t('record.d.hospital.facility', {
                      name: encounter.signer?.name ?? sent.facilityCode,
                      code: sent.facilityCode,
                    })}
                  </Typography.Text>
                )}
                {followUp === undefined ? null : (
                  <Tag color={followUp >= today ? 'orange' : 'default'} data-testid="hospital-follow-up">
                    {t(followUp >= today ? 'record.d.hospital.followUp' : 'record.d.hospital.followUpPast', {
                      date: formatPartialDate(followUp),
                    })}
                  </Tag>
                )}
                {sent === undefined || sent.version === 1 ? null : (
                  <Tag>{t('record.d.hospital.version', { count: sent.version })}</Tag>
                )}
              </Space>
              {sent === undefined ? null : (
                <div>
                  <Typography.Text type="secondary">
                    {sent.dischargedAt === undefined
                      ? t('record.d.hospital.stayOpen', { from: formatDateTime(sent.admittedAt) })
                      : t('record.d.hospital.stay', {
                          from: formatDateTime(sent.admittedAt),
                          to: formatDateTime(sent.dischargedAt),
                        })}
                  </Typography.Text>
                </div>
              )}
              <div>{diagnoses === '' ? t('record.d.noDiagnosis') : diagnoses}</div>
              {encounter.signer === undefined || sent !== undefined ? null : (
                <Typography.Text type="secondary">
                  {t('record.d.signedBy', { name: encounter.signer.name })}
                </Typography.Text>
              )}
              {sent !== undefined && unfolded === encounter.id ? (
                <HospitalVisitDetails encounter={encounter} hospital={sent} />
              ) : null}
              <Space className="hssk-timeline-actions">
                {sent === undefined ? null : (
                  <Button
                    size="small"
                    data-testid="hospital-details"
                    onClick={() => {
                      setUnfolded(unfolded === encounter.id ? null : encounter.id);
                    }}
                  >
                    {unfolded === encounter.id
                      ? t('record.d.hospital.hideDetails')
                      : t('record.d.hospital.details')}
                  </Button>
                )}
                {sent !== undefined ? null : (
                  <Button
                    size="small"
                    onClick={() => {
                      go({ name: 'exam', personId: record.person.id, examId: encounter.id });
                    }}
                  >
                    {encounter.status === 'draft' ? t('record.d.continue') : t('record.d.open')}
                  </Button>
                )}
                {encounter.status === 'signed' && sent === undefined ? (
                  <Button
                    size="small"
                    onClick={() => {
                      onPrintExam(encounter);
                    }}
                  >
                    {t('print.exam')}
                  </Button>
                ) : null}
              </Space>
            </div>
          ),
        };
      })}
    />
  );
}
