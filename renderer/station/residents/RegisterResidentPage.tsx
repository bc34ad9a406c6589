import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Col, Form, Input, Radio, Row, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { hanoiOrgUnits } from '#shared/org-units/hanoi-org-units.ts';
import { identityWarnings, type Person } from '#shared/schemas/person.ts';
import type {
  DuplicateCandidateView,
  ResidentDraftInput,
  StationIssue,
} from '#shared/station-api/station-api.ts';
import { FieldItem } from '../../common/forms/FieldItem.tsx';
import { FormProblems } from '../../common/forms/FormProblems.tsx';
import { formErrorMap } from '../../common/forms/form-error-map.ts';
import { localIsoDate } from '../../common/format/format-date.ts';
import { useStation } from '../state/station-context.ts';
import { CccdQrField } from './CccdQrField.tsx';
import { CommuneSelect } from './CommuneSelect.tsx';
import { DuplicateComparison } from './DuplicateComparison.tsx';
import { EthnicitySelect } from './EthnicitySelect.tsx';
import { HealthIdCard } from './HealthIdCard.tsx';
import { PartialDateField } from './PartialDateField.tsx';
import {
  emptyRegistration,
  registrationSchema,
  withCccdQr,
  type RegistrationValues,
} from './registration-form.ts';

type Stage =
  | { readonly name: 'form' }
  | {
      readonly name: 'duplicates';
      readonly draft: ResidentDraftInput;
      readonly candidates: readonly DuplicateCandidateView[];
    }
  | { readonly name: 'done'; readonly person: Person };

const DUPLICATE_CHECK_DELAY_MS = 400;

/**
 * Registration of a new resident (Art. 14.4): filled by hand or from a CCCD chip's QR code, validated with the
 * shared `residentDraft`, warned about possible duplicates while typing and again when saving (side by side), and
 * ending with the new health ID shown large and printable.
 */
export function RegisterResidentPage() {
  const { t, i18n } = useTranslation();
  const station = useStation();
  const go = useStore(station.navigation, (s) => s.go);
  const view = useStore(station.session, (s) => s.view);
  const communeCode = hanoiOrgUnits().find((unit) => unit.id === view?.orgUnitId)?.commune?.code ?? '';
  const [stage, setStage] = useState<Stage>({ name: 'form' });
  const [issues, setIssues] = useState<readonly StationIssue[]>([]);
  const [early, setEarly] = useState<{
    draft: ResidentDraftInput;
    candidates: readonly DuplicateCandidateView[];
  } | null>(null);
  const [busy, setBusy] = useState(false);
  const { control, handleSubmit, formState, reset, getValues } = useForm<
    RegistrationValues,
    unknown,
    ResidentDraftInput
  >({
    resolver: zodResolver(registrationSchema, { error: formErrorMap(t('register.required'), i18n.language) }),
    defaultValues: emptyRegistration(communeCode),
  });
  const errors = formState.errors;

  // Warn early: once the identifying fields make a valid draft, ask the core who might be the same person.
  const [watchedName, watchedBirth, watchedSex, watchedId, watchedCard] = useWatch({
    control,
    name: ['fullName', 'dateOfBirth', 'sex', 'personalId', 'bhytCards.0.code'],
  });
  const watchedKey = JSON.stringify([watchedName, watchedBirth, watchedSex, watchedId]);
  // The kernel's identity cross-checks (CCCD against birth year and sex, BHYT group and province), before saving.
  const identity = identityWarnings({
    dateOfBirth: watchedBirth,
    ...(watchedSex === '' ? {} : { sex: watchedSex }),
    ...(watchedId.trim() === '' ? {} : { personalId: watchedId.replace(/\s/g, '') }),
    ...(watchedCard.trim() === '' ? {} : { bhytCards: [{ code: watchedCard }] }),
  });
  useEffect(() => {
    const timer = setTimeout(() => {
      const parsed = registrationSchema.safeParse(getValues());
      if (!parsed.success) {
        setEarly(null);
        return;
      }
      void station.api.call('residents.findDuplicates', { draft: parsed.data }).then((answer) => {
        setEarly(
          answer.ok && answer.value.candidates.length > 0
            ? { draft: parsed.data, candidates: answer.value.candidates }
            : null,
        );
      });
    }, DUPLICATE_CHECK_DELAY_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [watchedKey, getValues, station.api]);

  async function register(draft: ResidentDraftInput, acknowledgedDuplicateIds?: readonly string[]) {
    setBusy(true);
    const answer = await station.api.call('residents.register', {
      draft,
      ...(acknowledgedDuplicateIds === undefined ? {} : { acknowledgedDuplicateIds }),
    });
    setBusy(false);
    if (answer.ok) {
      setIssues([]);
      setEarly(null);
      setStage({ name: 'done', person: answer.value.person });
    } else if (answer.candidates !== undefined && answer.candidates.length > 0) {
      setStage({ name: 'duplicates', draft, candidates: answer.candidates });
    } else setIssues(answer.errors);
  }
  const onSubmit = handleSubmit((draft) => register(draft));

  if (stage.name === 'done')
    return (
      <HealthIdCard
        person={stage.person}
        onOpenRecord={() => {
          go({ name: 'resident', id: stage.person.id });
        }}
        onAnother={() => {
          reset(emptyRegistration(communeCode));
          setStage({ name: 'form' });
        }}
      />
    );
  if (stage.name === 'duplicates')
    return (
      <DuplicateComparison
        draft={stage.draft}
        candidates={stage.candidates}
        busy={busy}
        onAcknowledge={() =>
          void register(
            stage.draft,
            stage.candidates.map((c) => c.person.id),
          )
        }
        onFindExisting={(candidate) => {
          go({ name: 'resident', id: candidate.person.id });
        }}
        onBack={() => {
          setStage({ name: 'form' });
        }}
      />
    );

  return (
    <Space direction="vertical" size="middle" className="hssk-page">
      <Typography.Title level={2}>{t('register.title')}</Typography.Title>
      <CccdQrField
        onScanned={(qr) => {
          reset(withCccdQr(getValues(), qr), { keepDefaultValues: true });
        }}
      />
      <Form layout="vertical" component={false}>
        <form onSubmit={(event) => void onSubmit(event)} noValidate data-testid="registration-form">
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <FieldItem label={t('register.fullName')} error={errors.fullName} required>
                <Controller
                  name="fullName"
                  control={control}
                  render={({ field }) => (
                    <Input {...field} id="fullName" autoComplete="off" maxLength={255} />
                  )}
                />
              </FieldItem>
            </Col>
            {(['familyName', 'middleName', 'givenName'] as const).map((name) => (
              <Col key={name} xs={8} lg={4}>
                <FieldItem label={t(`register.${name}`)} error={errors[name]}>
                  <Controller
                    name={name}
                    control={control}
                    render={({ field }) => <Input {...field} id={name} autoComplete="off" maxLength={100} />}
                  />
                </FieldItem>
              </Col>
            ))}
            <Col xs={24} lg={12}>
              <FieldItem label={t('register.dateOfBirth')} error={errors.dateOfBirth} required>
                <Controller
                  name="dateOfBirth"
                  control={control}
                  render={({ field }) => (
                    <PartialDateField
                      id="dateOfBirth"
                      value={field.value}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      status={errors.dateOfBirth === undefined ? '' : 'error'}
                    />
                  )}
                />
              </FieldItem>
            </Col>
            <Col xs={24} lg={12}>
              <FieldItem label={t('register.sex')} error={errors.sex} required>
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
                      options={(['male', 'female', 'unknown'] as const).map((sex) => ({
                        value: sex,
                        label: t(`residents.sex.${sex}`),
                      }))}
                    />
                  )}
                />
              </FieldItem>
            </Col>
            <Col xs={24} lg={8}>
              <FieldItem label={t('register.personalId')} error={errors.personalId}>
                <Controller
                  name="personalId"
                  control={control}
                  render={({ field }) => (
                    <Input {...field} id="personalId" inputMode="numeric" maxLength={20} />
                  )}
                />
              </FieldItem>
            </Col>
            <Col xs={24} lg={8}>
              <FieldItem label={t('register.phone')} error={errors.phones?.[0]}>
                <Controller
                  name="phones.0"
                  control={control}
                  render={({ field }) => <Input {...field} id="phone" inputMode="tel" maxLength={20} />}
                />
              </FieldItem>
            </Col>
            <Col xs={24} lg={8}>
              <FieldItem label={t('register.bhytCode')} error={errors.bhytCards?.[0]?.code}>
                <Controller
                  name="bhytCards.0.code"
                  control={control}
                  render={({ field }) => <Input {...field} id="bhytCode" maxLength={20} />}
                />
              </FieldItem>
            </Col>
            <Col xs={24} lg={8}>
              <FieldItem label={t('register.commune')} error={errors.currentAddress?.communeCode} required>
                <Controller
                  name="currentAddress.communeCode"
                  control={control}
                  render={({ field }) => (
                    <CommuneSelect
                      id="communeCode"
                      value={field.value}
                      onChange={field.onChange}
                      onDate={localIsoDate(station.clock.now())}
                    />
                  )}
                />
              </FieldItem>
            </Col>
            <Col xs={24} lg={16}>
              <FieldItem label={t('register.addressDetail')} error={errors.currentAddress?.detail}>
                <Controller
                  name="currentAddress.detail"
                  control={control}
                  render={({ field }) => <Input {...field} id="addressDetail" maxLength={500} />}
                />
              </FieldItem>
            </Col>
            <Col xs={24} lg={8}>
              <FieldItem label={t('register.ethnicity')} error={errors.ethnicityCode}>
                <Controller
                  name="ethnicityCode"
                  control={control}
                  render={({ field }) => (
                    <EthnicitySelect id="ethnicityCode" value={field.value} onChange={field.onChange} />
                  )}
                />
              </FieldItem>
            </Col>
          </Row>
          {identity.length === 0 ? null : (
            <Alert
              type="warning"
              showIcon
              data-testid="identity-warnings"
              className="hssk-form-alert"
              message={t('record.edit.checkIdentity')}
              description={identity.map((warning) => warning.message).join(' ')}
            />
          )}
          {early === null ? null : (
            <Alert
              type="warning"
              showIcon
              data-testid="early-duplicates"
              message={t('register.possibleDuplicates')}
              description={early.candidates.map((c) => c.person.fullName).join(', ')}
              action={
                <Button
                  size="small"
                  onClick={() => {
                    setStage({ name: 'duplicates', ...early });
                  }}
                >
                  {t('register.beingRegistered')} ↔ {t('register.candidate')}
                </Button>
              }
              className="hssk-form-alert"
            />
          )}
          <FormProblems hasFieldErrors={Object.keys(errors).length > 0} issues={issues} />
          <Button type="primary" htmlType="submit" size="large" loading={busy || formState.isSubmitting}>
            {busy ? t('register.saving') : t('register.submit')}
          </Button>
        </form>
      </Form>
    </Space>
  );
}
