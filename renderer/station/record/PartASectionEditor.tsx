import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App, AutoComplete, Col, Form, Input, Modal, Radio, Row } from 'antd';
import { useMemo, useState } from 'react';
import { Controller, get, useForm, useWatch, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CccdQr } from '#shared/identifiers/cccd-qr.ts';
import { occupations } from '#shared/reference-data/occupations.generated.ts';
import {
  commonNationalities,
  commonReligions,
  educationLevels,
  householdRelations,
  maritalStatuses,
} from '#shared/reference-data/person-code-lists.ts';
import { provinces } from '#shared/reference-data/provinces.generated.ts';
import { isValidOn } from '#shared/reference-data/reference-types.ts';
import { aboGroups, identityWarnings, personSexes, rhFactors, type Person } from '#shared/schemas/person.ts';
import type { DuplicateCandidateView, StationIssue } from '#shared/station-api/station-api.ts';
import { matchesSearchQuery, searchKey } from '#shared/text/search-keys.ts';
import { FieldItem } from '../../common/forms/FieldItem.tsx';
import { DialogActions } from '../../common/forms/DialogActions.tsx';
import { FormProblems } from '../../common/forms/FormProblems.tsx';
import { OptionalSelect } from '../../common/forms/OptionalSelect.tsx';
import { formErrorMap } from '../../common/forms/form-error-map.ts';
import { localIsoDate } from '../../common/format/format-date.ts';
import { useStation } from '../state/station-context.ts';
import { CccdQrField } from '../residents/CccdQrField.tsx';
import { CommuneSelect } from '../residents/CommuneSelect.tsx';
import { DuplicateComparison } from '../residents/DuplicateComparison.tsx';
import { EthnicitySelect } from '../residents/EthnicitySelect.tsx';
import { PartialDateField } from '../residents/PartialDateField.tsx';
import {
  correctsBirthOrSex,
  sectionCleared,
  sectionSchema,
  sectionValuesOf,
  type PartASection,
  type SectionValues,
} from './part-a-sections.ts';

type Held = {
  readonly changes: Record<string, unknown>;
  readonly candidates: readonly DuplicateCandidateView[];
};

const occupationOptions = occupations.map((o) => ({
  value: o.code,
  label: `${o.code} — ${o.name}`,
  key: searchKey(`${o.code} ${o.name}`),
}));
const nationalityOptions = commonNationalities.map((n) => ({
  value: n.code,
  label: `${n.code} — ${n.name}`,
  key: searchKey(`${n.code} ${n.name}`),
}));

/**
 * One part of QĐ 831 part A edited in a dialog and saved with `residents.update`: only that part's fields change,
 * fields emptied are removed, a corrected birth date or sex asks for the reason, the identity cross-checks show at
 * the field while typing, and changed identifiers that match someone else are compared side by side before saving.
 */
export function PartASectionEditor(props: {
  person: Person;
  section: PartASection;
  onClose: () => void;
  onSaved: () => Promise<void>;
}) {
  const { person, section } = props;
  const { t, i18n } = useTranslation();
  const station = useStation();
  const { message } = App.useApp();
  const [issues, setIssues] = useState<readonly StationIssue[]>([]);
  const [held, setHeld] = useState<Held | null>(null);
  const [busy, setBusy] = useState(false);
  const [qrNote, setQrNote] = useState<string | null>(null);
  const schema = useMemo(() => sectionSchema(section, person), [section, person]);
  const { control, handleSubmit, formState, getValues, setValue, setError } = useForm<
    SectionValues,
    unknown,
    Record<string, unknown>
  >({
    resolver: zodResolver(schema, { error: formErrorMap(t('register.required'), i18n.language) }),
    defaultValues: sectionValuesOf(section, person),
  });
  const watched = useWatch({ control }) as SectionValues;
  const errorOf = (name: string): FieldError | undefined => get(formState.errors, name);
  const today = localIsoDate(station.clock.now());

  async function save(changes: Record<string, unknown>, acknowledgedDuplicateIds?: readonly string[]) {
    const values = getValues();
    const reason = typeof values['correctionReason'] === 'string' ? values['correctionReason'].trim() : '';
    setBusy(true);
    const answer = await station.api.call('residents.update', {
      id: person.id,
      changes,
      clear: sectionCleared(section, changes, person),
      ...(reason === '' ? {} : { correctionReason: reason }),
      ...(acknowledgedDuplicateIds === undefined ? {} : { acknowledgedDuplicateIds }),
    });
    setBusy(false);
    if (answer.ok) {
      void message.success(t('record.edit.saved'));
      await props.onSaved();
      props.onClose();
    } else if (answer.candidates !== undefined && answer.candidates.length > 0) {
      setHeld({ changes, candidates: answer.candidates });
    } else {
      setHeld(null);
      setIssues(answer.errors);
    }
  }

  const onSubmit = handleSubmit(async (changes) => {
    if (section === 'birth' && correctsBirthOrSex(getValues(), person)) {
      const reason = getValues()['correctionReason'];
      if (typeof reason !== 'string' || reason.trim() === '') {
        setError('correctionReason', { message: t('record.edit.reasonRequired') });
        return;
      }
    }
    await save(changes);
  });

  const applyQr = (qr: CccdQr) => {
    setValue('personalId', qr.personalId.value, { shouldDirty: true });
    if (qr.legacyId !== undefined) setValue('legacyId', qr.legacyId, { shouldDirty: true });
    if (qr.issueDate !== undefined) setValue('idIssueDate', qr.issueDate, { shouldDirty: true });
    const differs = [
      qr.fullName !== person.fullName ? t('record.edit.qrDiffers.name', { value: qr.fullName }) : null,
      qr.dateOfBirth !== person.dateOfBirth ? t('record.edit.qrDiffers.dateOfBirth') : null,
      qr.sex !== person.sex ? t('record.edit.qrDiffers.sex') : null,
    ].filter((line) => line !== null);
    setQrNote(differs.length === 0 ? null : differs.join(' '));
  };

  // The CCCD checked against the birth date and sex the record will have after this save.
  const warnings = identityWarnings({
    dateOfBirth:
      typeof watched['dateOfBirth'] === 'string' && watched['dateOfBirth'] !== ''
        ? watched['dateOfBirth']
        : person.dateOfBirth,
    sex: (typeof watched['sex'] === 'string' && watched['sex'] !== ''
      ? watched['sex']
      : person.sex) as Person['sex'],
    ...(section === 'identity'
      ? typeof watched['personalId'] === 'string' && watched['personalId'].trim() !== ''
        ? { personalId: watched['personalId'].replace(/\s/g, '') }
        : {}
      : person.personalId === undefined
        ? {}
        : { personalId: person.personalId }),
  });

  const text = (
    name: string,
    label: string,
    options: { span?: number; inputMode?: 'numeric' | 'tel' | 'email'; required?: boolean } = {},
  ) => (
    <Col xs={24} md={options.span ?? 12} key={name}>
      <FieldItem label={label} error={errorOf(name)} required={options.required ?? false}>
        <Controller
          name={name}
          control={control}
          render={({ field }) => (
            <Input
              id={name}
              value={field.value as string}
              onChange={field.onChange}
              onBlur={field.onBlur}
              autoComplete="off"
              maxLength={255}
              {...(options.inputMode === undefined ? {} : { inputMode: options.inputMode })}
            />
          )}
        />
      </FieldItem>
    </Col>
  );
  const choice = (name: string, label: string, options: { value: string; label: string }[], span = 12) => (
    <Col xs={24} md={span} key={name}>
      <FieldItem label={label} error={errorOf(name)}>
        <Controller
          name={name}
          control={control}
          render={({ field }) => (
            <OptionalSelect
              id={name}
              value={field.value as string}
              onChange={field.onChange}
              options={options}
            />
          )}
        />
      </FieldItem>
    </Col>
  );
  const suggest = (
    name: string,
    label: string,
    options: { value: string; label: string; key?: string }[],
    span = 12,
  ) => (
    <Col xs={24} md={span} key={name}>
      <FieldItem label={label} error={errorOf(name)}>
        <Controller
          name={name}
          control={control}
          render={({ field }) => (
            <AutoComplete
              id={name}
              value={field.value as string}
              onChange={field.onChange}
              onBlur={field.onBlur}
              options={options}
              filterOption={(input, option) =>
                option !== undefined && matchesSearchQuery(input, option.key ?? searchKey(option.label))
              }
            />
          )}
        />
      </FieldItem>
    </Col>
  );
  const date = (name: string, label: string, required = false) => (
    <Col xs={24} md={12} key={name}>
      <FieldItem label={label} error={errorOf(name)} required={required}>
        <Controller
          name={name}
          control={control}
          render={({ field }) => (
            <PartialDateField
              id={name}
              value={field.value as string}
              onChange={field.onChange}
              onBlur={field.onBlur}
              status={errorOf(name) === undefined ? '' : 'error'}
            />
          )}
        />
      </FieldItem>
    </Col>
  );
  const commune = (name: string, label: string, required: boolean) => (
    <Col xs={24} md={10} key={name}>
      <FieldItem label={label} error={errorOf(name)} required={required}>
        <Controller
          name={name}
          control={control}
          render={({ field }) => (
            <CommuneSelect
              id={name}
              value={field.value as string}
              onChange={field.onChange}
              onDate={today}
              allowClear={!required}
            />
          )}
        />
      </FieldItem>
    </Col>
  );

  const fields = () => {
    switch (section) {
      case 'identity':
        return (
          <>
            {text('personalId', t('register.personalId'), { inputMode: 'numeric' })}
            {text('legacyId', t('record.a.legacyId'), { inputMode: 'numeric' })}
            {date('idIssueDate', t('record.a.idIssueDate'))}
            {text('idIssuePlace', t('record.a.idIssuePlace'))}
            {text('bhxhNumber', t('record.a.bhxhNumber'), { inputMode: 'numeric' })}
          </>
        );
      case 'birth':
        return (
          <>
            {text('fullName', t('register.fullName'), { span: 24, required: true })}
            {text('familyName', t('register.familyName'), { span: 8 })}
            {text('middleName', t('register.middleName'), { span: 8 })}
            {text('givenName', t('register.givenName'), { span: 8, required: true })}
            {date('dateOfBirth', t('register.dateOfBirth'), true)}
            <Col xs={24} md={12}>
              <FieldItem label={t('register.sex')} error={errorOf('sex')} required>
                <Controller
                  name="sex"
                  control={control}
                  render={({ field }) => (
                    <Radio.Group
                      id="sex"
                      value={field.value}
                      onChange={(event) => {
                        field.onChange(event.target.value);
                      }}
                      options={personSexes.map((sex) => ({ value: sex, label: t(`residents.sex.${sex}`) }))}
                    />
                  )}
                />
              </FieldItem>
            </Col>
            {correctsBirthOrSex(watched, person) ? (
              <Col xs={24}>
                <FieldItem
                  label={t('record.edit.correctionReason')}
                  error={errorOf('correctionReason')}
                  extra={t('record.edit.correctionReasonHelp')}
                  required
                >
                  <Controller
                    name="correctionReason"
                    control={control}
                    render={({ field }) => (
                      <Input.TextArea
                        id="correctionReason"
                        rows={2}
                        maxLength={500}
                        value={field.value as string}
                        onChange={field.onChange}
                      />
                    )}
                  />
                </FieldItem>
              </Col>
            ) : null}
          </>
        );
      case 'demographics':
        return (
          <>
            <Col xs={24} md={12}>
              <FieldItem label={t('register.ethnicity')} error={errorOf('ethnicityCode')}>
                <Controller
                  name="ethnicityCode"
                  control={control}
                  render={({ field }) => (
                    <EthnicitySelect
                      id="ethnicityCode"
                      value={field.value as string}
                      onChange={field.onChange}
                    />
                  )}
                />
              </FieldItem>
            </Col>
            {suggest('nationalityCode', t('record.a.nationality'), nationalityOptions)}
            {suggest(
              'religion',
              t('record.a.religion'),
              commonReligions.map((religion) => ({ value: religion, label: religion })),
            )}
            {suggest('occupationCode', t('record.a.occupationCode'), occupationOptions)}
            {choice(
              'educationLevel',
              t('record.a.education'),
              educationLevels.map((level) => ({
                value: level,
                label: t(`record.a.educationLevel.${level}`),
              })),
            )}
            {choice(
              'maritalStatus',
              t('record.a.marital'),
              maritalStatuses.map((status) => ({
                value: status,
                label: t(`record.a.maritalStatus.${status}`),
              })),
            )}
            {choice(
              'birthRegistrationProvince',
              t('record.a.birthRegistrationProvince'),
              provinces
                .filter((province) => isValidOn(province, today))
                .map((province) => ({ value: province.code, label: province.name })),
            )}
            {choice(
              'bloodGroup.abo',
              t('record.a.bloodAbo'),
              aboGroups.map((abo) => ({ value: abo, label: abo })),
              6,
            )}
            {choice(
              'bloodGroup.rh',
              t('record.a.bloodRh'),
              rhFactors.map((rh) => ({ value: rh, label: `Rh${rh === '+' ? '+' : '−'}` })),
              6,
            )}
          </>
        );
      case 'contact':
        return (
          <>
            {((watched['phones'] as string[] | undefined) ?? []).map((_, index) =>
              text(`phones.${String(index)}`, index === 0 ? t('record.a.mobile') : t('record.a.mobileMore'), {
                inputMode: 'tel',
              }),
            )}
            {text('landline', t('record.a.landline'), { inputMode: 'tel' })}
            {text('email', t('record.a.email'), { inputMode: 'email' })}
          </>
        );
      case 'addresses':
        return (
          <>
            {commune('currentAddress.communeCode', t('record.a.currentCommune'), true)}
            {text('currentAddress.detail', t('record.a.currentDetail'), { span: 14 })}
            {commune('permanentAddress.communeCode', t('record.a.permanentCommune'), false)}
            {text('permanentAddress.detail', t('record.a.permanentDetail'), { span: 14 })}
          </>
        );
      case 'household':
        return (
          <>
            {text('household.id', t('record.a.householdId'))}
            {suggest(
              'household.relationToHead',
              t('record.a.relationToHead'),
              householdRelations.map((relation) => ({ value: relation, label: relation })),
            )}
            {text('mother', t('record.a.mother'))}
            {text('father', t('record.a.father'))}
            {text('caregiver.name', t('record.a.caregiverName'), { span: 10 })}
            {text('caregiver.relation', t('record.a.caregiverRelation'), { span: 6 })}
            {text('caregiver.phone', t('record.a.caregiverPhone'), { span: 8, inputMode: 'tel' })}
          </>
        );
    }
  };

  return (
    <Modal
      open
      width={880}
      title={t(`record.edit.title.${section}`)}
      onCancel={props.onClose}
      footer={null}
      destroyOnHidden
    >
      <div data-testid={`edit-${section}`}>
        {held !== null ? (
          <DuplicateComparison
            mode="update"
            draft={{ ...person, ...held.changes }}
            candidates={held.candidates}
            busy={busy}
            onAcknowledge={() =>
              void save(
                held.changes,
                held.candidates.map((c) => c.person.id),
              )
            }
            onFindExisting={() => {
              setHeld(null);
            }}
            onBack={() => {
              setHeld(null);
            }}
          />
        ) : (
          <>
            {section === 'identity' ? (
              <>
                <CccdQrField onScanned={applyQr} />
                {qrNote === null ? null : (
                  <Alert
                    type="info"
                    showIcon
                    message={qrNote}
                    className="hssk-form-alert"
                    data-testid="qr-differs"
                  />
                )}
              </>
            ) : null}
            <Form layout="vertical" component={false}>
              <form
                onSubmit={(event) => void onSubmit(event)}
                noValidate
                data-testid={`edit-${section}-form`}
              >
                <Row gutter={16}>{fields()}</Row>
                {(section === 'identity' || section === 'birth') && warnings.length > 0 ? (
                  <Alert
                    type="warning"
                    showIcon
                    data-testid="identity-warnings"
                    className="hssk-form-alert"
                    message={t('record.edit.checkIdentity')}
                    description={warnings.map((warning) => warning.message).join(' ')}
                  />
                ) : null}
                <FormProblems hasFieldErrors={Object.keys(formState.errors).length > 0} issues={issues} />
                <DialogActions
                  cancelLabel={t('record.cancel')}
                  submitLabel={t('record.edit.save')}
                  onCancel={props.onClose}
                  busy={busy || formState.isSubmitting}
                />
              </form>
            </Form>
          </>
        )}
      </div>
    </Modal>
  );
}
