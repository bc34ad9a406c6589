import { Descriptions, List, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Encounter } from '#shared/schemas/encounter.ts';
import type { LabRow } from '#shared/schemas/lab-row.ts';
import { formatDateTime, formatPartialDate } from '../../common/format/format-date.ts';

type Hospital = NonNullable<Encounter['hospital']>;

/**
 * What a hospital sent about a visit (its QĐ 130 XML, received through the intake): how and how long, the outcome,
 * the discharge diagnosis and treatment, the drugs, results and clinical course, the record summary, a referral and
 * the doctor's advice, in the hospital's words. Read-only: the hospital answers for it.
 */
export function HospitalVisitDetails({ encounter, hospital }: { encounter: Encounter; hospital: Hospital }) {
  const { t } = useTranslation();
  const label = (group: 'visitTypes' | 'outcomes' | 'dischargeTypes', code: string | undefined) =>
    code === undefined ? undefined : t(`record.d.hospital.${group}.${code}`, { defaultValue: code });
  const rows: [string, string | undefined][] = [
    [t('record.d.hospital.visitType'), label('visitTypes', hospital.visitType)],
    [t('record.d.hospital.outcome'), label('outcomes', hospital.outcome)],
    [t('record.d.hospital.discharge'), label('dischargeTypes', hospital.dischargeType)],
    [t('record.d.hospital.dischargeDiagnosis'), hospital.dischargeDiagnosis],
    [t('record.d.hospital.treatment'), hospital.treatment],
    [t('record.d.hospital.advice'), encounter.advice],
  ];
  return (
    <div className="hssk-hospital-visit" data-testid="hospital-visit-details">
      <Descriptions size="small" column={1} bordered>
        {rows
          .filter((row): row is [string, string] => row[1] !== undefined)
          .map(([name, value]) => (
            <Descriptions.Item key={name} label={name}>
              {value}
            </Descriptions.Item>
          ))}
      </Descriptions>
      {hospital.drugs.length === 0 ? null : (
        <List
          size="small"
          header={<Typography.Text strong>{t('record.d.hospital.drugs')}</Typography.Text>}
          dataSource={hospital.drugs}
          renderItem={(drug) => (
            <List.Item>
              {[
                drug.name,
                drug.strength,
                drug.dosage,
                drug.quantity === undefined
                  ? undefined
                  : t('record.d.hospital.quantity', { count: drug.quantity }) +
                    (drug.unit === undefined ? '' : ` ${drug.unit}`),
              ]
                .filter((part) => part !== undefined)
                .join(' · ')}
            </List.Item>
          )}
        />
      )}
      {(encounter.labs ?? []).length === 0 ? null : (
        <Table<LabRow>
          size="small"
          pagination={false}
          title={() => <Typography.Text strong>{t('record.d.hospital.labs')}</Typography.Text>}
          rowKey={(row) => `${row.serviceCode ?? ''}|${row.indicatorCode ?? ''}|${row.name}`}
          dataSource={encounter.labs ?? []}
          columns={[
            { key: 'name', title: t('record.d.hospital.labName'), render: (_, row) => row.name },
            {
              key: 'value',
              title: t('record.d.hospital.labValue'),
              render: (_, row) => `${row.value}${row.unit === undefined ? '' : ` ${row.unit}`}`,
            },
            {
              key: 'date',
              title: t('record.d.hospital.labDate'),
              render: (_, row) => (row.resultDate === undefined ? '' : formatPartialDate(row.resultDate)),
            },
          ]}
        />
      )}
      {hospital.clinicalCourse.length === 0 ? null : (
        <List
          size="small"
          header={<Typography.Text strong>{t('record.d.hospital.course')}</Typography.Text>}
          dataSource={hospital.clinicalCourse}
          renderItem={(entry) => (
            <List.Item>
              {[entry.at === undefined ? undefined : formatDateTime(entry.at), entry.course, entry.stage]
                .filter((part) => part !== undefined)
                .join(' · ')}
            </List.Item>
          )}
        />
      )}
      {hospital.dischargeSummary === undefined ? null : (
        <Typography.Paragraph className="hssk-preline">
          <Typography.Text strong>{t('record.d.hospital.summary')}: </Typography.Text>
          {hospital.dischargeSummary}
        </Typography.Paragraph>
      )}
      {hospital.referral?.toFacility === undefined ? null : (
        <Typography.Paragraph>
          {t('record.d.hospital.referral', { code: hospital.referral.toFacility })}
        </Typography.Paragraph>
      )}
    </div>
  );
}
