import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App, Button, Col, DatePicker, Form, Input, Radio, Row, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { Controller, useFieldArray, useForm, useWatch, type Control, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  encounterKinds,
  generalExamKeys,
  visualAcuityKeys,
  type Encounter,
} from '#shared/schemas/encounter.ts';
import { recordSectionsFor } from '#shared/clinical/record-sections-for.ts';
import { organSystemKeys } from '#shared/schemas/organ-systems.ts';
import type { Person } from '#shared/schemas/person.ts';
import type { StationIssue } from '#shared/station-api/station-api.ts';
import { FieldItem } from '../../common/forms/FieldItem.tsx';
import { FormProblems } from '../../common/forms/FormProblems.tsx';
import { formatTime, localIsoDate } from '../../common/format/format-date.ts';
import { useStation } from '../state/station-context.ts';
import { DiagnosisPicker } from './DiagnosisPicker.tsx';
import { advanceOnEnter } from './enter-advances.ts';
import {
  emptyExam,
  examErrorMap,
  examSchemaFor,
  examValuesOf,
  typedVitalKeys,
  type ExamDraftInput,
  type ExamValues,
} from './exam-form.ts';
import { LiveVitals } from './LiveVitals.tsx';

/** How long after the last keystroke a valid exam is saved as its draft. */
const AUTOSAVE_DELAY_MS = 2_000;

/** Hospital visits arrive through interop; staff record their own kinds of visit. */
const stationKinds = encounterKinds.filter((kind) => kind !== 'hospital-visit');

/**
 * The exam form (QĐ 831 part D), keyboard-first: fields in reading order, Enter moves to the next field, the
 * diagnosis picker takes arrow keys and Enter, and "save draft" / "sign" are reached with Tab. Validated with the
 * shared `examDraft` before it goes to the core; signing saves the draft first.
 */
export function ExamForm({
  person,
  exam,
  onSaved,
}: {
  person: Person;
  exam: Encounter | undefined;
  onSaved: (encounter: Encounter) => void;
}) {
  const { t } = useTranslation();
  const station = useStation();
  const today = localIsoDate(station.clock.now());
  const [issues, setIssues] = useState<readonly StationIssue[]>([]);
  const [busy, setBusy] = useState<'save' | 'sign' | null>(null);
  const { modal } = App.useApp();
  const { control, handleSubmit, formState, getValues, setValue } = useForm<
    ExamValues,
    unknown,
    ExamDraftInput
  >({
    resolver: zodResolver(examSchemaFor(person.id), {
      error: examErrorMap({
        required: t('register.required'),
        notANumber: t('exam.notANumber'),
        range: ({ min, max }) =>
          min === undefined ? t('exam.atMost', { max: max ?? 0 }) : t('exam.atLeast', { min }),
      }),
    }),
    defaultValues: exam === undefined ? emptyExam(today) : examValuesOf(exam),
  });
  const labs = useFieldArray({ control, name: 'labs' });
  const [weightKg, heightCm, systolic, diastolic] = useWatch({
    control,
    name: ['vitals.weightKg', 'vitals.heightCm', 'vitals.systolic', 'vitals.diastolic'],
  });
  const errors = formState.errors;
  // Obstetrics for women and girls, development for children; shown anyway where an earlier draft filled them.
  const sections = recordSectionsFor(person, today);
  const showsReproductive =
    sections.reproductive || (exam?.organSystems?.obstetricGynecological ?? '') !== '';
  const showsDevelopment = sections.childDevelopment || (exam?.developmentAssessment ?? '') !== '';
  const shownOrgans = organSystemKeys.filter((key) => key !== 'obstetricGynecological' || showsReproductive);
  // Keyboard-first: the form opens with the cursor in its first field.
  useEffect(() => {
    document.getElementById('exam-kind')?.focus();
  }, []);

  // The draft as last saved (by hand or automatically): its id once it exists, and the values it holds.
  const draftId = useRef<string | undefined>(exam?.id);
  const savedValues = useRef(JSON.stringify(getValues()));
  const [autosavedAt, setAutosavedAt] = useState<Date | null>(null);
  const unsaved = () => JSON.stringify(getValues()) !== savedValues.current;

  // One save at a time, so an autosave still under way and a "save" or "sign" never make two drafts or write the
  // same draft twice at once: each save joins the queue the moment it is asked for, and runs after the one before.
  const saving = useRef<Promise<unknown>>(Promise.resolve());
  function save(draft: ExamDraftInput): Promise<Encounter | undefined> {
    const run = saving.current.then(async () => {
      const values = JSON.stringify(getValues());
      const answer = await station.api.call('exams.saveDraft', {
        ...(draftId.current === undefined ? {} : { id: draftId.current }),
        draft,
      });
      if (answer.ok) {
        draftId.current = answer.value.encounter.id;
        savedValues.current = values;
        return answer.value.encounter;
      }
      setIssues(answer.errors);
      return undefined;
    });
    saving.current = run.catch(() => undefined);
    return run;
  }

  // Autosave: a few seconds after typing stops, a form that validates is saved as the draft (in the encrypted
  // replica, so it survives leaving the screen, a crash or a restart). A form with mistakes waits for its fixes.
  const watchedAll = useWatch({ control });
  useEffect(() => {
    if (!unsaved()) return;
    const timer = setTimeout(() => {
      if (busy !== null || !unsaved()) return;
      const parsed = examSchemaFor(person.id).safeParse(getValues());
      if (!parsed.success) return;
      void save(parsed.data).then((saved) => {
        if (saved !== undefined) setAutosavedAt(station.clock.now());
      });
    }, AUTOSAVE_DELAY_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [watchedAll]);
  // Leaving with work not yet saved asks first.
  useEffect(() => {
    station.navigation.getState().setLeaveGuard(unsaved);
    return () => {
      station.navigation.getState().setLeaveGuard(null);
    };
  }, [station.navigation]);
  const onSave = handleSubmit(async (draft) => {
    setBusy('save');
    const saved = await save(draft);
    setBusy(null);
    if (saved !== undefined) onSaved(saved);
  });
  const onSign = handleSubmit(async (draft) => {
    const confirmed = await modal.confirm({
      title: t('exam.signConfirmTitle'),
      content: <span data-testid="sign-confirmation">{t('exam.signConfirm')}</span>,
      okText: t('exam.signConfirmOk'),
      cancelText: t('exam.signConfirmCancel'),
    });
    if (!confirmed) return;
    setBusy('sign');
    const saved = await save(draft);
    const signed = saved === undefined ? undefined : await station.api.call('exams.sign', { id: saved.id });
    setBusy(null);
    if (signed?.ok === false) setIssues(signed.errors);
    if (signed?.ok === true) onSaved(signed.value.encounter);
    else if (saved !== undefined) onSaved(saved);
  });

  return (
    <Form layout="vertical" component={false}>
      <form
        noValidate
        data-testid="exam-form"
        onSubmit={(event) => {
          event.preventDefault();
        }}
        onKeyDown={advanceOnEnter}
      >
        {exam?.amends === undefined ? null : (
          <Alert type="info" showIcon message={t('exam.amending')} className="hssk-form-alert" />
        )}
        <Row gutter={16}>
          <Col xs={24} lg={14}>
            <FieldItem label={t('exam.kind')} error={errors.kind}>
              <Controller
                name="kind"
                control={control}
                render={({ field }) => (
                  <Radio.Group
                    name="exam-kind"
                    optionType="button"
                    value={field.value}
                    onChange={(event) => {
                      field.onChange(event.target.value);
                    }}
                    options={stationKinds.map((kind) => ({
                      value: kind,
                      label: t(`record.d.kind.${kind}`),
                      id: kind === field.value ? 'exam-kind' : `exam-kind-${kind}`,
                    }))}
                  />
                )}
              />
            </FieldItem>
          </Col>
          <Col xs={24} lg={10}>
            <FieldItem label={t('exam.date')} error={errors.date} required>
              <Controller
                name="date"
                control={control}
                render={({ field }) => (
                  <DatePicker
                    id="exam-date"
                    format={['DD/MM/YYYY', 'DDMMYYYY', 'D/M/YYYY']}
                    value={field.value === '' ? null : dayjs(field.value)}
                    maxDate={dayjs(station.clock.now())}
                    allowClear={false}
                    onChange={(date: Dayjs | null) => {
                      field.onChange(date === null ? '' : date.format('YYYY-MM-DD'));
                    }}
                  />
                )}
              />
            </FieldItem>
          </Col>
        </Row>
        <FieldItem label={t('exam.history')} error={errors.history}>
          <TextArea control={control} name="history" />
        </FieldItem>

        <Typography.Title level={4}>{t('exam.sections.vitals')}</Typography.Title>
        <Row gutter={16}>
          <Col xs={24} lg={16}>
            <Row gutter={12}>
              {typedVitalKeys.map((key) => (
                <Col key={key} xs={12} md={6}>
                  <FieldItem label={t(`exam.vitals.${key}`)} error={errors.vitals?.[key]}>
                    <Line control={control} name={`vitals.${key}`} id={`vital-${key}`} inputMode="decimal" />
                  </FieldItem>
                </Col>
              ))}
            </Row>
          </Col>
          <Col xs={24} lg={8}>
            <LiveVitals weightKg={weightKg} heightCm={heightCm} systolic={systolic} diastolic={diastolic} />
          </Col>
        </Row>
        <Row gutter={12}>
          {visualAcuityKeys.map((key) => (
            <Col key={key} xs={12} md={6}>
              <FieldItem label={t(`exam.acuity.${key}`)} error={errors.visualAcuity?.[key]}>
                <Line control={control} name={`visualAcuity.${key}`} id={`acuity-${key}`} />
              </FieldItem>
            </Col>
          ))}
          {generalExamKeys.map((key) => (
            <Col key={key} xs={24} md={12}>
              <FieldItem label={t(`exam.general.${key}`)} error={errors.generalExam?.[key]}>
                <Line control={control} name={`generalExam.${key}`} id={`general-${key}`} />
              </FieldItem>
            </Col>
          ))}
        </Row>

        <Space align="baseline" className="hssk-section-title">
          <Typography.Title level={4}>{t('exam.sections.organs')}</Typography.Title>
          <Button
            size="small"
            data-testid="organs-all-normal"
            tabIndex={-1}
            onClick={() => {
              for (const key of shownOrgans)
                if (getValues(`organSystems.${key}`).trim() === '')
                  setValue(`organSystems.${key}`, t('exam.normal'), { shouldDirty: true });
            }}
          >
            {t('exam.allNormal')}
          </Button>
        </Space>
        <Row gutter={12}>
          {shownOrgans.map((key) => (
            <Col key={key} xs={24} md={12} xl={8}>
              <FieldItem
                label={
                  <Space size={4}>
                    {t(`exam.organ.${key}`)}
                    <Button
                      size="small"
                      type="link"
                      className="hssk-normal"
                      tabIndex={-1}
                      data-testid={`organ-normal-${key}`}
                      onClick={() => {
                        setValue(`organSystems.${key}`, t('exam.normal'), { shouldDirty: true });
                      }}
                    >
                      {t('exam.normal')}
                    </Button>
                  </Space>
                }
                error={errors.organSystems?.[key]}
              >
                <Line control={control} name={`organSystems.${key}`} id={`organ-${key}`} />
              </FieldItem>
            </Col>
          ))}
        </Row>
        {showsDevelopment ? (
          <FieldItem label={t('exam.development')} error={errors.developmentAssessment}>
            <Line control={control} name="developmentAssessment" id="development" />
          </FieldItem>
        ) : null}

        <Typography.Title level={4}>{t('exam.sections.labs')}</Typography.Title>
        {labs.fields.map((row, index) => (
          <Row gutter={8} key={row.id}>
            {(['name', 'value', 'unit', 'conclusion'] as const).map((part) => (
              <Col key={part} xs={12} md={part === 'conclusion' ? 8 : 5}>
                <FieldItem label={t(`exam.lab.${part}`)} error={errors.labs?.[index]?.[part]}>
                  <Line
                    control={control}
                    name={`labs.${index}.${part}`}
                    id={`lab-${String(index)}-${part}`}
                  />
                </FieldItem>
              </Col>
            ))}
            <Col xs={24} md={1}>
              <Button
                type="text"
                className="hssk-lab-remove"
                data-enter-skip
                aria-label={t('exam.removeLab')}
                onClick={() => {
                  labs.remove(index);
                }}
              >
                ×
              </Button>
            </Col>
          </Row>
        ))}
        <Button
          id="add-lab"
          className="hssk-form-alert"
          onClick={() => {
            labs.append(
              { name: '', value: '', unit: '', conclusion: '' },
              { focusName: `labs.${String(labs.fields.length)}.name` },
            );
          }}
        >
          {t('exam.addLab')}
        </Button>

        <Typography.Title level={4}>{t('exam.sections.diagnoses')}</Typography.Title>
        <Controller
          name="diagnoses"
          control={control}
          render={({ field }) => (
            <DiagnosisPicker value={field.value} onChange={field.onChange} onDate={today} />
          )}
        />
        {errors.diagnoses === undefined ? null : (
          <Alert type="error" showIcon message={errors.diagnoses.message} className="hssk-form-alert" />
        )}

        <Typography.Title level={4}>{t('exam.sections.advice')}</Typography.Title>
        <FieldItem label={t('exam.advice')} error={errors.advice}>
          <TextArea control={control} name="advice" />
        </FieldItem>

        <FormProblems hasFieldErrors={Object.keys(errors).length > 0} issues={issues} />
        <Space>
          <Button
            id="exam-save"
            loading={busy === 'save'}
            disabled={busy !== null}
            onClick={() => void onSave()}
          >
            {t('exam.saveDraft')}
          </Button>
          <Button
            id="exam-sign"
            type="primary"
            loading={busy === 'sign'}
            disabled={busy !== null}
            onClick={() => void onSign()}
          >
            {t('exam.sign')}
          </Button>
          <Typography.Text type="secondary">{t('exam.signExplain')}</Typography.Text>
          {autosavedAt === null ? null : (
            <Typography.Text type="secondary" data-testid="exam-autosaved">
              {t('exam.autosaved', { at: formatTime(autosavedAt) })}
            </Typography.Text>
          )}
        </Space>
      </form>
    </Form>
  );
}

function Line({
  control,
  name,
  id,
  inputMode,
}: {
  control: Control<ExamValues, unknown, ExamDraftInput>;
  name: FieldPath<ExamValues>;
  id: string;
  inputMode?: 'decimal';
}) {
  return (
    <Controller
      name={name}
      control={control}
      render={({ field }) => (
        <Input
          id={id}
          ref={field.ref}
          autoComplete="off"
          maxLength={500}
          {...(inputMode === undefined ? {} : { inputMode })}
          value={field.value as string}
          onChange={field.onChange}
          onBlur={field.onBlur}
        />
      )}
    />
  );
}

function TextArea({
  control,
  name,
}: {
  control: Control<ExamValues, unknown, ExamDraftInput>;
  name: 'history' | 'advice';
}) {
  return (
    <Controller
      name={name}
      control={control}
      render={({ field }) => (
        <Input.TextArea
          id={`exam-${name}`}
          rows={2}
          maxLength={4000}
          value={field.value}
          onChange={field.onChange}
          onBlur={field.onBlur}
        />
      )}
    />
  );
}
