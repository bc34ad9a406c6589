import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, type DescriptionsProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '#shared/identifiers/phone-number.ts';
import { occupations } from '#shared/reference-data/occupations.generated.ts';
import { commonNationalities } from '#shared/reference-data/person-code-lists.ts';
import { provinces } from '#shared/reference-data/provinces.generated.ts';
import type { Person } from '#shared/schemas/person.ts';
import { formatDateTime, formatPartialDate } from '../../common/format/format-date.ts';
import { useStation } from '../state/station-context.ts';
import { localIsoDate } from '../../common/format/format-date.ts';
import { BhytCardsEditor } from './BhytCardsEditor.tsx';
import { cardPeriodState } from './bhyt-card-renewal.ts';
import { PartASectionEditor } from './PartASectionEditor.tsx';
import type { PartAEdit } from './part-a-sections.ts';
import { addressLine, communeName, ethnicityName } from './reference-names.ts';

const occupationNames = new Map(occupations.map((o) => [o.code, o.name]));
const nationalityNames = new Map(commonNationalities.map((n) => [n.code, n.name]));
const provinceNames = new Map(provinces.map((p) => [p.code, p.name]));
const named = (code: string | undefined, names: Map<string, string>) =>
  code === undefined ? undefined : names.has(code) ? `${names.get(code) ?? ''} (${code})` : code;

/**
 * QĐ 831 part A as text (every value rendered by React, never as markup), in sections that each open their own
 * editor; `editing` opens one at once (a worklist row opening the record at its missing field). Read-only for a
 * resident no longer managed here.
 */
export function AdministrativeTab(props: {
  person: Person;
  onSaved: () => Promise<void>;
  editing?: PartAEdit | undefined;
}) {
  const { person } = props;
  const { t } = useTranslation();
  const station = useStation();
  const today = localIsoDate(station.clock.now());
  const [editing, setEditing] = useState<PartAEdit | null>(props.editing ?? null);
  const editable = person.status === 'active';
  const blood =
    person.bloodGroup === undefined
      ? undefined
      : `${person.bloodGroup.abo ?? '?'} ${person.bloodGroup.rh === undefined ? '' : `Rh${person.bloodGroup.rh === '+' ? '+' : '−'}`}`;
  // The card valid today; else the next one not yet begun, or the newest without dates.
  const newestFirst = [...person.bhytCards].reverse();
  const currentCard =
    newestFirst.find((card) => cardPeriodState(card, today) === 'valid') ??
    newestFirst.find((card) => cardPeriodState(card, today) !== 'expired');
  const sections: { key: PartAEdit; title: string; rows: [string, string | undefined][] }[] = [
    {
      key: 'birth',
      title: t('record.edit.title.birth'),
      rows: [
        [t('residents.columns.fullName'), person.fullName],
        [t('record.a.nameParts'), [person.familyName, person.middleName, person.givenName].join(' | ')],
        [t('residents.columns.dateOfBirth'), formatPartialDate(person.dateOfBirth)],
        [t('residents.columns.sex'), t(`residents.sex.${person.sex}`)],
        [
          t('record.a.corrections'),
          (person.corrections ?? [])
            .map((c) =>
              t('record.a.correctionLine', {
                field: t(`record.a.correctedField.${c.field}`),
                previous:
                  c.field === 'sex'
                    ? t(`residents.sex.${c.previous as Person['sex']}`)
                    : formatPartialDate(c.previous),
                reason: c.reason,
                at: formatDateTime(c.at),
                by: c.by ?? '',
              }),
            )
            .join('; ') || undefined,
        ],
      ],
    },
    {
      key: 'identity',
      title: t('record.edit.title.identity'),
      rows: [
        [t('record.a.healthId'), person.healthId],
        [t('register.personalId'), person.personalId],
        [t('record.a.legacyId'), person.legacyId],
        [
          t('record.a.idIssued'),
          [
            person.idIssueDate === undefined ? undefined : formatPartialDate(person.idIssueDate),
            person.idIssuePlace,
          ]
            .filter((part) => part !== undefined)
            .join(', ') || undefined,
        ],
        [t('record.a.bhxhNumber'), person.bhxhNumber],
      ],
    },
    {
      key: 'bhyt',
      title: t('record.edit.title.bhyt'),
      rows: [
        [
          t('record.a.currentCard'),
          currentCard === undefined
            ? person.bhytCards.length === 0
              ? undefined
              : t('record.a.noValidCard')
            : [
                currentCard.code,
                [currentCard.validFrom, currentCard.validTo]
                  .map((date) => (date === undefined ? '…' : formatPartialDate(date)))
                  .join(' – '),
              ].join(', '),
        ],
        [t('record.a.cardCount'), person.bhytCards.length > 1 ? String(person.bhytCards.length) : undefined],
      ],
    },
    {
      key: 'contact',
      title: t('record.edit.title.contact'),
      rows: [
        [t('record.a.mobile'), person.phones.map(formatPhone).join(', ') || undefined],
        [t('record.a.landline'), person.landline === undefined ? undefined : formatPhone(person.landline)],
        [t('record.a.email'), person.email],
      ],
    },
    {
      key: 'addresses',
      title: t('record.edit.title.addresses'),
      rows: [
        [t('record.a.currentAddress'), addressLine(person.currentAddress)],
        [t('record.a.permanentAddress'), addressLine(person.permanentAddress)],
      ],
    },
    {
      key: 'demographics',
      title: t('record.edit.title.demographics'),
      rows: [
        [t('register.ethnicity'), ethnicityName(person.ethnicityCode)],
        [t('record.a.nationality'), named(person.nationalityCode, nationalityNames)],
        [t('record.a.religion'), person.religion],
        [t('record.a.occupation'), named(person.occupationCode, occupationNames)],
        [
          t('record.a.education'),
          person.educationLevel === undefined
            ? undefined
            : t(`record.a.educationLevel.${person.educationLevel}`),
        ],
        [
          t('record.a.marital'),
          person.maritalStatus === undefined
            ? undefined
            : t(`record.a.maritalStatus.${person.maritalStatus}`),
        ],
        [t('record.a.birthRegistrationProvince'), named(person.birthRegistrationProvince, provinceNames)],
        [t('record.a.bloodGroup'), blood],
      ],
    },
    {
      key: 'household',
      title: t('record.edit.title.household'),
      rows: [
        [
          t('record.a.household'),
          person.household === undefined
            ? undefined
            : [person.household.id, person.household.relationToHead].filter(Boolean).join(' — '),
        ],
        [t('record.a.mother'), person.mother],
        [t('record.a.father'), person.father],
        [
          t('record.a.caregiver'),
          person.caregiver === undefined
            ? undefined
            : [person.caregiver.name, person.caregiver.relation, person.caregiver.phone]
                .filter(Boolean)
                .join(', '),
        ],
      ],
    },
  ];
  const status: [string, string | undefined][] = [
    [t('residents.columns.status'), t(`residents.status.${person.status}`)],
    [
      t('record.a.deathDate'),
      person.deathDate === undefined ? undefined : formatPartialDate(person.deathDate),
    ],
    [t('record.a.movedOutTo'), person.movedOutTo === undefined ? undefined : communeName(person.movedOutTo)],
  ];
  const items = (rows: [string, string | undefined][]): DescriptionsProps['items'] =>
    rows
      .filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '')
      .map(([label, value]) => ({ key: label, label, children: value }));
  return (
    <Space direction="vertical" size="middle" className="hssk-part-a" data-testid="part-a">
      {sections.map((section) => {
        const shown = items(section.rows) ?? [];
        return (
          <Card
            key={section.key}
            size="small"
            title={section.title}
            data-testid={`part-a-${section.key}`}
            extra={
              editable ? (
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  data-testid={`edit-${section.key}-open`}
                  onClick={() => {
                    setEditing(section.key);
                  }}
                >
                  {section.key === 'bhyt' ? t('record.edit.cards') : t('record.edit.open')}
                </Button>
              ) : null
            }
          >
            {shown.length === 0 ? (
              <span className="hssk-muted">{t('record.a.nothingYet')}</span>
            ) : (
              <Descriptions size="small" column={{ xs: 1, md: 2 }} items={shown} />
            )}
          </Card>
        );
      })}
      <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} items={items(status) ?? []} />
      {editing === null || !editable ? null : editing === 'bhyt' ? (
        <BhytCardsEditor
          person={person}
          onSaved={props.onSaved}
          onClose={() => {
            setEditing(null);
          }}
        />
      ) : (
        <PartASectionEditor
          person={person}
          section={editing}
          onSaved={props.onSaved}
          onClose={() => {
            setEditing(null);
          }}
        />
      )}
    </Space>
  );
}
