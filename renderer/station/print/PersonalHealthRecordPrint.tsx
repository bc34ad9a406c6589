import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '#shared/identifiers/phone-number.ts';
import { occupations } from '#shared/reference-data/occupations.generated.ts';
import { provinces } from '#shared/reference-data/provinces.generated.ts';
import {
  chronicConditionFlags,
  disabilityKinds,
  familyHistoryItems,
  reproductiveCounts,
} from '#shared/schemas/history-831.ts';
import type { ResidentRecord } from '#shared/station-api/station-api.ts';
import { formatPartialDate, localIsoDate } from '../../common/format/format-date.ts';
import { formatDecimal } from '../../common/format/format-size.ts';
import { ExamDetails } from '../exams/ExamDetails.tsx';
import { allergyKeys } from '../record/history-form.ts';
import { addressLine, ethnicityName, vaccineName } from '../record/reference-names.ts';
import { PrintDocument } from './PrintDocument.tsx';

const occupationNames = new Map(occupations.map((o) => [o.code, o.name]));
const provinceNames = new Map(provinces.map((p) => [p.code, p.name]));

/** A labelled line of the form: "1. Họ và tên: …", the value left blank on paper when the record has none. */
function Line({ n, label, children }: { n?: string; label: string; children?: ReactNode }) {
  return (
    <div className="hssk-doc-line">
      {n === undefined ? null : <span className="hssk-doc-n">{n}. </span>}
      <span className="hssk-doc-label">{label}: </span>
      <span className="hssk-doc-value">{children}</span>
    </div>
  );
}

/**
 * The personal health record in the layout of the QĐ 831/QĐ-BYT form ("Hồ sơ quản lý sức khỏe cá nhân phục vụ chăm
 * sóc sức khỏe ban đầu") on A4: the national header, part A's numbered fields in the form's order, part B §1–8,
 * part C's doses, the signature blocks, then each signed exam (part D) on its own page.
 */
export function PersonalHealthRecordPrint({
  record,
  unitName,
}: {
  record: ResidentRecord;
  unitName: string;
}) {
  const { t } = useTranslation();
  const { person } = record;
  const history = person.history;
  const risk = history.riskFactors ?? {};
  const birth = history.birthCondition ?? {};
  const chronic = history.chronicConditions ?? {};
  const reproduction = history.reproductiveHealth;
  const use = (value: string | undefined) => (value === undefined ? '' : t(`record.b.use.${value as 'no'}`));
  const yesNo = (value: boolean | undefined) =>
    value === undefined ? '' : value ? t('record.b.yesNo.yes') : t('record.b.yesNo.no');
  const illnesses = [
    ...chronicConditionFlags
      .filter((flag) => chronic[flag] === true)
      .map((flag) => t(`record.b.chronic.${flag}`)),
    ...(['cancer', 'tuberculosis', 'other'] as const)
      .filter((key) => (chronic[key] ?? '') !== '')
      .map((key) => `${t(`record.b.chronicText.${key}`)}: ${chronic[key] ?? ''}`),
  ];
  const signed = record.encounters.filter((e) => e.status === 'signed');
  const blood = person.bloodGroup;
  const card = person.bhytCards.at(-1);
  const today = formatPartialDate(localIsoDate(new Date()));
  return (
    <PrintDocument testId="print-record">
      <header className="hssk-doc-national">
        <div className="hssk-doc-national-left">
          <div>{t('print.department')}</div>
          <div className="hssk-doc-strong">{unitName}</div>
        </div>
        <div className="hssk-doc-national-right">
          <div className="hssk-doc-strong">{t('print.nation')}</div>
          <div className="hssk-doc-motto">{t('print.motto')}</div>
        </div>
      </header>
      <header className="hssk-doc-header">
        <h1>{t('print.recordTitle')}</h1>
        <div className="hssk-doc-subtitle">{t('print.recordSubtitle')}</div>
        <div>
          {t('record.a.healthId')}: <strong>{person.healthId}</strong>
        </div>
      </header>

      <h2>{t('print.partA')}</h2>
      <Line label={t('record.a.householdId')}>{person.household?.id}</Line>
      <Line n="1" label={t('residents.columns.fullName')}>
        <strong>{person.fullName.toLocaleUpperCase('vi')}</strong>
      </Line>
      <Line n="2" label={t('record.a.relationToHead')}>
        {person.household?.relationToHead}
      </Line>
      <Line n="3" label={t('residents.columns.sex')}>
        {t(`residents.sex.${person.sex}`)}
      </Line>
      <Line n="4" label={t('record.a.bloodGroup')}>
        {blood === undefined
          ? ''
          : `ABO: ${blood.abo ?? '…'}; Rh: ${blood.rh === undefined ? '…' : blood.rh === '+' ? '+' : '−'}`}
      </Line>
      <Line n="5" label={t('residents.columns.dateOfBirth')}>
        {formatPartialDate(person.dateOfBirth)}
      </Line>
      <Line n="6" label={t('record.a.birthRegistrationProvince')}>
        {person.birthRegistrationProvince === undefined
          ? ''
          : (provinceNames.get(person.birthRegistrationProvince) ?? person.birthRegistrationProvince)}
      </Line>
      <Line n="7" label={t('register.ethnicity')}>
        {ethnicityName(person.ethnicityCode)}
      </Line>
      <Line n="8" label={t('record.a.nationality')}>
        {person.nationalityCode}
      </Line>
      <Line n="9" label={t('record.a.religion')}>
        {person.religion}
      </Line>
      <Line n="10" label={t('record.a.occupation')}>
        {person.occupationCode === undefined
          ? ''
          : `${occupationNames.get(person.occupationCode) ?? ''} (${person.occupationCode})`}
      </Line>
      <Line n="11" label={t('register.personalId')}>
        {[
          person.personalId ?? person.legacyId,
          person.idIssueDate === undefined
            ? undefined
            : `${t('record.a.idIssueDate')} ${formatPartialDate(person.idIssueDate)}`,
          person.idIssuePlace === undefined
            ? undefined
            : `${t('record.a.idIssuePlace')} ${person.idIssuePlace}`,
        ]
          .filter((part) => part !== undefined)
          .join('; ')}
      </Line>
      <Line n="12" label={t('print.bhyt')}>
        {card === undefined
          ? person.bhxhNumber
          : `${card.code}${card.validTo === undefined ? '' : ` (${t('record.a.cardTo').toLocaleLowerCase('vi')} ${formatPartialDate(card.validTo)})`}`}
      </Line>
      <Line n="13" label={t('record.a.permanentAddress')}>
        {addressLine(person.permanentAddress)}
      </Line>
      <Line n="14" label={t('record.a.currentAddress')}>
        {addressLine(person.currentAddress)}
      </Line>
      <Line n="15" label={t('print.phones')}>
        {[
          person.landline === undefined
            ? undefined
            : `${t('record.a.landline')} ${formatPhone(person.landline)}`,
          person.phones.length === 0
            ? undefined
            : `${t('record.a.mobile')} ${person.phones.map(formatPhone).join(', ')}`,
          person.email,
        ]
          .filter((part) => part !== undefined)
          .join('; ')}
      </Line>
      <Line n="16" label={t('print.parents')}>
        {[person.mother, person.father].filter((name) => name !== undefined).join('; ')}
      </Line>
      <Line n="17" label={t('record.a.caregiver')}>
        {person.caregiver === undefined
          ? ''
          : [person.caregiver.name, person.caregiver.relation, person.caregiver.phone]
              .filter(Boolean)
              .join(', ')}
      </Line>
      <Line label={`${t('record.a.education')}, ${t('record.a.marital').toLocaleLowerCase('vi')}`}>
        {[
          person.educationLevel === undefined
            ? undefined
            : t(`record.a.educationLevel.${person.educationLevel}`),
          person.maritalStatus === undefined
            ? undefined
            : t(`record.a.maritalStatus.${person.maritalStatus}`),
        ]
          .filter((part) => part !== undefined)
          .join('; ')}
      </Line>

      <h2>{t('print.partB')}</h2>
      <h3>1. {t('record.b.birthCondition')}</h3>
      <Line label={t('record.b.birth.deliveryMode')}>
        {birth.deliveryMode === undefined ? '' : t(`record.b.birth.delivery.${birth.deliveryMode}`)}
      </Line>
      <Line label={t('record.b.birth.preterm')}>{yesNo(birth.preterm)}</Line>
      <Line label={t('record.b.birth.asphyxia')}>{yesNo(birth.asphyxia)}</Line>
      <Line label={t('record.b.birth.birthWeightGrams')}>{birth.birthWeightGrams}</Line>
      <Line label={t('record.b.birth.birthLengthCm')}>
        {birth.birthLengthCm === undefined ? '' : formatDecimal(birth.birthLengthCm)}
      </Line>
      <Line label={t('record.b.birth.congenitalDefects')}>{birth.congenitalDefects}</Line>
      <h3>2. {t('record.b.riskFactors')}</h3>
      <Line label={t('record.b.smoking')}>{use(risk.smoking)}</Line>
      <Line label={t('record.b.alcohol')}>
        {use(risk.alcohol)}
        {risk.alcoholDrinksPerDay === undefined
          ? ''
          : ` (${String(risk.alcoholDrinksPerDay)} ${t('record.b.alcoholDrinksPerDay').toLocaleLowerCase('vi')})`}
      </Line>
      <Line label={t('record.b.drugs')}>{use(risk.drugs)}</Line>
      <Line label={t('record.b.physicalActivity')}>
        {risk.physicalActivity === undefined ? '' : t(`record.b.activity.${risk.physicalActivity}`)}
      </Line>
      <Line label={t('record.b.exposure')}>
        {[risk.exposure, risk.exposureDuration].filter(Boolean).join('; ')}
      </Line>
      <Line label={t('record.b.toiletType')}>
        {risk.toiletType === undefined ? '' : t(`record.b.toilet.${risk.toiletType}`)}
      </Line>
      <h3>3. {t('print.illnessAllergy')}</h3>
      {allergyKeys.map((key) => (
        <Line key={key} label={`${t('record.b.allergies')}: ${t(`record.b.allergy.${key}`)}`}>
          {history.allergies?.[key]}
        </Line>
      ))}
      <Line label={t('record.b.illnesses')}>{illnesses.join('; ')}</Line>
      <h3>4. {t('record.b.disabilities')}</h3>
      {disabilityKinds.map((kind) => (
        <Line key={kind} label={t(`record.b.disability.${kind}`)}>
          {history.disabilities?.[kind]}
        </Line>
      ))}
      <h3>5. {t('record.b.surgeries')}</h3>
      <Line label={t('record.b.surgery.bodyPart')}>
        {(history.surgeries ?? [])
          .map((s) =>
            [s.bodyPart, s.year === undefined ? undefined : String(s.year), s.note]
              .filter(Boolean)
              .join(', '),
          )
          .join('; ')}
      </Line>
      <h3>6. {t('record.b.familyHistory')}</h3>
      {familyHistoryItems.map((item) => {
        const finding = history.familyHistory?.[item];
        return (
          <Line key={item} label={t(`record.b.family.${item}`)}>
            {finding === undefined
              ? ''
              : [yesNo(finding.present), finding.detail, finding.affected].filter(Boolean).join(', ')}
          </Line>
        );
      })}
      {person.sex === 'male' && reproduction === undefined ? null : (
        <>
          <h3>7. {t('record.b.reproductiveHealth')}</h3>
          <Line label={t('record.b.reproduction.contraception')}>{reproduction?.contraception}</Line>
          <Line label={t('record.b.reproduction.lastPregnancy')}>{reproduction?.lastPregnancy}</Line>
          <Line label={t('print.reproductiveCounts')}>
            {reproductiveCounts
              .filter((key) => reproduction?.[key] !== undefined)
              .map((key) => `${t(`record.b.reproduction.${key}`)}: ${String(reproduction?.[key])}`)
              .join('; ')}
          </Line>
          <Line label={t('record.b.reproduction.gynecologicalConditions')}>
            {reproduction?.gynecologicalConditions}
          </Line>
        </>
      )}
      <h3>8. {t('record.b.otherIssues')}</h3>
      <p className="hssk-doc-value">{history.otherIssues}</p>

      <h2>{t('print.partC')}</h2>
      <table className="hssk-doc-table">
        <thead>
          <tr>
            <th>{t('record.c.vaccine')}</th>
            <th>{t('record.c.dose')}</th>
            <th>{t('record.c.notVaccinated')}</th>
            <th>{t('print.givenOn')}</th>
            <th>{t('record.c.lot')}</th>
            <th>{t('record.c.reaction')}</th>
            <th>{t('record.c.nextAppointment')}</th>
          </tr>
        </thead>
        <tbody>
          {record.immunizations
            .filter((dose) => dose.status !== 'entered-in-error')
            .map((dose) => (
              <tr key={dose.id}>
                <td>{vaccineName(dose.vaccineCode)}</td>
                <td>{dose.dose}</td>
                <td>{dose.status === 'not-vaccinated' ? 'X' : ''}</td>
                <td>{dose.status === 'recorded' ? formatPartialDate(dose.date) : ''}</td>
                <td>{dose.lot}</td>
                <td>{dose.reaction}</td>
                <td>{dose.nextAppointment === undefined ? '' : formatPartialDate(dose.nextAppointment)}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <Signatures today={today} />

      {signed.length === 0 ? (
        <>
          <h2>{t('print.partD')}</h2>
          <p>{t('record.d.none')}</p>
        </>
      ) : (
        signed.map((encounter) => (
          <section key={encounter.id} className="hssk-doc-page" data-testid="print-exam-page">
            <h2>
              {t('print.partD')} — {t('print.examOf', { date: formatPartialDate(encounter.date) })}
            </h2>
            <div>
              {person.fullName} · {person.healthId}
            </div>
            <ExamDetails encounter={encounter} />
          </section>
        ))
      )}
    </PrintDocument>
  );
}

/** The form's signature blocks: who drew up the record, and the station head with the date and the seal. */
function Signatures({ today }: { today: string }) {
  const { t } = useTranslation();
  return (
    <div className="hssk-doc-signatures" data-testid="print-signatures">
      <div>
        <div className="hssk-doc-strong">{t('print.preparedBy')}</div>
        <div className="hssk-doc-hint">{t('print.signName')}</div>
        <div className="hssk-doc-signed-name" />
      </div>
      <div>
        <div className="hssk-doc-hint">{t('print.placeDate', { date: today })}</div>
        <div className="hssk-doc-strong">{t('print.stationHead')}</div>
        <div className="hssk-doc-hint">{t('print.signSeal')}</div>
      </div>
    </div>
  );
}
