import { Descriptions, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Person } from '#shared/schemas/person.ts';
import { formatPartialDate } from '../../common/format/format-date.ts';
import { addressLine, communeName, ethnicityName } from './reference-names.ts';

/** QĐ 831 part A, administrative data, as text (every value rendered by React, never as markup). */
export function AdministrativeTab({ person }: { person: Person }) {
  const { t } = useTranslation();
  const blood =
    person.bloodGroup === undefined
      ? undefined
      : `${person.bloodGroup.abo ?? '?'} ${person.bloodGroup.rh === undefined ? '' : `Rh${person.bloodGroup.rh}`}`;
  const rows: [string, string | undefined][] = [
    [t('record.a.healthId'), person.healthId],
    [t('residents.columns.fullName'), person.fullName],
    [t('record.a.nameParts'), [person.familyName, person.middleName, person.givenName].join(' | ')],
    [t('residents.columns.dateOfBirth'), formatPartialDate(person.dateOfBirth)],
    [t('residents.columns.sex'), t(`residents.sex.${person.sex}`)],
    [t('register.ethnicity'), ethnicityName(person.ethnicityCode)],
    [t('record.a.nationality'), person.nationalityCode],
    [t('record.a.religion'), person.religion],
    [t('record.a.occupation'), person.occupationCode],
    [t('record.a.bloodGroup'), blood],
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
    [t('register.bhytCode'), person.bhytCards.map((card) => card.code).join(', ') || undefined],
    [t('record.a.permanentAddress'), addressLine(person.permanentAddress)],
    [t('record.a.currentAddress'), addressLine(person.currentAddress)],
    [t('register.phone'), person.phones.join(', ') || undefined],
    [t('record.a.email'), person.email],
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
    [t('residents.columns.status'), t(`residents.status.${person.status}`)],
    [
      t('record.a.deathDate'),
      person.deathDate === undefined ? undefined : formatPartialDate(person.deathDate),
    ],
    [t('record.a.movedOutTo'), person.movedOutTo === undefined ? undefined : communeName(person.movedOutTo)],
  ];
  const items: DescriptionsProps['items'] = rows
    .filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '')
    .map(([label, value]) => ({ key: label, label, children: value }));
  return <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={items} data-testid="part-a" />;
}
