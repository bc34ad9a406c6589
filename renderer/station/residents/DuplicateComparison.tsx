import { Alert, Button, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DuplicateCandidateView, ResidentDraftInput } from '#shared/station-api/station-api.ts';
import { formatPartialDate } from '../../common/format/format-date.ts';

type Row = { key: string; label: string; draft: string; candidates: string[] };

/**
 * The person being registered side by side with each resident the core thinks may be the same person, one line per
 * identifying field, so the health worker decides with both in view. Every value is rendered as text.
 */
export function DuplicateComparison(props: {
  draft: ResidentDraftInput;
  candidates: readonly DuplicateCandidateView[];
  onAcknowledge: () => void;
  onFindExisting: (candidate: DuplicateCandidateView) => void;
  onBack: () => void;
  busy: boolean;
  /** A new registration (the default), or a correction of an existing record. */
  mode?: 'register' | 'update';
}) {
  const { t } = useTranslation();
  const update = props.mode === 'update';
  const { draft, candidates } = props;
  const sex = (value: string) => t(`residents.sex.${value as 'male' | 'female' | 'unknown'}`);
  const rows: Row[] = [
    {
      key: 'fullName',
      label: t('residents.columns.fullName'),
      draft: draft.fullName,
      candidates: candidates.map((c) => c.person.fullName),
    },
    {
      key: 'dateOfBirth',
      label: t('residents.columns.dateOfBirth'),
      draft: formatPartialDate(draft.dateOfBirth),
      candidates: candidates.map((c) => formatPartialDate(c.person.dateOfBirth)),
    },
    {
      key: 'sex',
      label: t('residents.columns.sex'),
      draft: sex(draft.sex),
      candidates: candidates.map((c) => sex(c.person.sex)),
    },
    {
      key: 'personalId',
      label: t('residents.columns.personalId'),
      draft: draft.personalId ?? '',
      candidates: candidates.map((c) => c.person.personalId ?? ''),
    },
    {
      key: 'healthId',
      label: t('residents.columns.healthId'),
      draft: '',
      candidates: candidates.map((c) => c.person.healthId ?? ''),
    },
    {
      key: 'address',
      label: t('residents.columns.address'),
      draft: draft.currentAddress.detail ?? '',
      candidates: candidates.map((c) => c.person.address ?? ''),
    },
  ];
  return (
    <Space direction="vertical" size="middle" className="hssk-duplicates" data-testid="duplicate-comparison">
      <Alert
        type="warning"
        showIcon
        message={t('register.possibleDuplicates')}
        description={update ? t('record.edit.duplicatesExplain') : t('register.duplicatesExplain')}
      />
      <Table<Row>
        size="small"
        bordered
        pagination={false}
        rowKey="key"
        dataSource={rows}
        scroll={{ x: true }}
        columns={[
          { title: '', dataIndex: 'label', key: 'label', width: 160 },
          {
            title: update ? t('record.edit.beingEdited') : t('register.beingRegistered'),
            dataIndex: 'draft',
            key: 'draft',
          },
          ...candidates.map((candidate, index) => ({
            key: candidate.person.id,
            title: (
              <Space direction="vertical" size={0}>
                <span>{t('register.candidate')}</span>
                <Tag color="orange">{t(`register.reason.${candidate.reason}`)}</Tag>
                <Button
                  size="small"
                  type="link"
                  onClick={() => {
                    props.onFindExisting(candidate);
                  }}
                >
                  {t('register.openExisting')}
                </Button>
              </Space>
            ),
            render: (_: unknown, row: Row) => {
              const value = row.candidates[index] ?? '';
              return (
                <span className={value !== '' && value === row.draft ? 'hssk-same' : undefined}>{value}</span>
              );
            },
          })),
        ]}
      />
      <Space wrap>
        <Button danger loading={props.busy} onClick={props.onAcknowledge}>
          {update ? t('record.edit.acknowledge') : t('register.acknowledge')}
        </Button>
        <Button onClick={props.onBack}>{t('register.backToForm')}</Button>
      </Space>
    </Space>
  );
}
