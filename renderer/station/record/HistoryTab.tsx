import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App, Button, Checkbox, Col, Form, Input, Row, Typography } from 'antd';
import { useState } from 'react';
import { Controller, useFieldArray, useForm, type Control, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { recordSectionsFor } from '#shared/clinical/record-sections-for.ts';
import {
  chronicConditionFlags,
  deliveryModes,
  disabilityKinds,
  familyHistoryItems,
  reproductiveCounts,
  physicalActivityLevels,
  substanceUses,
  toiletTypes,
  type History831,
} from '#shared/schemas/history-831.ts';
import type { Person } from '#shared/schemas/person.ts';
import type { StationIssue } from '#shared/station-api/station-api.ts';
import { FieldItem } from '../../common/forms/FieldItem.tsx';
import { OptionalSelect } from '../../common/forms/OptionalSelect.tsx';
import { formErrorMap } from '../../common/forms/form-error-map.ts';
import { localIsoDate } from '../../common/format/format-date.ts';
import { useStation } from '../state/station-context.ts';
import { allergyKeys, historySchema, historyValuesOf, yesNo, type HistoryValues } from './history-form.ts';

/**
 * QĐ 831 part B §1–8: the condition at birth (with the mother's tetanus doses, part C 1), risk factors, allergies,
 * illnesses, disabilities, surgeries, family history, reproductive health (women and girls from 10) and other
 * problems, edited in place and saved with `residents.update` (only the history changes). Read-only for a resident
 * no longer managed here.
 */
export function HistoryTab({ person, onSaved }: { person: Person; onSaved: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const station = useStation();
  const { message } = App.useApp();
  const [issues, setIssues] = useState<readonly StationIssue[]>([]);
  const readOnly = person.status !== 'active';
  const { control, handleSubmit, formState } = useForm<HistoryValues, unknown, History831>({
    resolver: zodResolver(historySchema(person.history), {
      error: formErrorMap(t('register.required'), i18n.language),
    }),
    defaultValues: historyValuesOf(person.history),
  });
  const surgeries = useFieldArray({ control, name: 'surgeries' });
  // Reproductive health for women and girls (shown anyway where the record already holds it).
  const showsReproductive =
    recordSectionsFor(person, localIsoDate(station.clock.now())).reproductive ||
    person.history.reproductiveHealth !== undefined;
  const onSubmit = handleSubmit(async (history) => {
    const answer = await station.api.call('residents.update', { id: person.id, changes: { history } });
    if (!answer.ok) {
      setIssues(answer.errors);
      return;
    }
    setIssues([]);
    void message.success(t('record.b.saved'));
    await onSaved();
  });
  const choice = (name: FieldPath<HistoryValues>, options: readonly string[], labels: string) => (
    <Controller
      name={name}
      control={control}
      render={({ field }) => (
        <OptionalSelect
          id={name}
          disabled={readOnly}
          value={field.value as string}
          onChange={field.onChange}
          options={options.map((value) => ({ value, label: t(`${labels}.${value}` as 'record.b.use.no') }))}
        />
      )}
    />
  );
  return (
    <Form layout="vertical" component={false}>
      <form onSubmit={(event) => void onSubmit(event)} noValidate data-testid="part-b">
        <Typography.Title level={4}>{t('record.b.birthCondition')}</Typography.Title>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <FieldItem label={t('record.b.birth.deliveryMode')}>
              {choice('birthCondition.deliveryMode', deliveryModes, 'record.b.birth.delivery')}
            </FieldItem>
          </Col>
          <Col xs={24} md={8}>
            <FieldItem label={t('record.b.birth.preterm')}>
              {choice('birthCondition.preterm', yesNo, 'record.b.yesNo')}
            </FieldItem>
          </Col>
          <Col xs={24} md={8}>
            <FieldItem label={t('record.b.birth.asphyxia')}>
              {choice('birthCondition.asphyxia', yesNo, 'record.b.yesNo')}
            </FieldItem>
          </Col>
          <Col xs={24} md={8}>
            <FieldItem
              label={t('record.b.birth.birthWeightGrams')}
              error={formState.errors.birthCondition?.birthWeightGrams}
            >
              <TextField control={control} name="birthCondition.birthWeightGrams" disabled={readOnly} />
            </FieldItem>
          </Col>
          <Col xs={24} md={8}>
            <FieldItem
              label={t('record.b.birth.birthLengthCm')}
              error={formState.errors.birthCondition?.birthLengthCm}
            >
              <TextField control={control} name="birthCondition.birthLengthCm" disabled={readOnly} />
            </FieldItem>
          </Col>
          <Col xs={24} md={8}>
            <FieldItem
              label={t('record.b.birth.maternalTetanusDoses')}
              error={formState.errors.birthCondition?.maternalTetanusDoses}
            >
              <TextField control={control} name="birthCondition.maternalTetanusDoses" disabled={readOnly} />
            </FieldItem>
          </Col>
          <Col xs={24} md={12}>
            <FieldItem label={t('record.b.birth.congenitalDefects')}>
              <TextField control={control} name="birthCondition.congenitalDefects" disabled={readOnly} />
            </FieldItem>
          </Col>
          <Col xs={24} md={12}>
            <FieldItem label={t('record.b.birth.other')}>
              <TextField control={control} name="birthCondition.other" disabled={readOnly} />
            </FieldItem>
          </Col>
        </Row>
        <Typography.Title level={4}>{t('record.b.riskFactors')}</Typography.Title>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <FieldItem label={t('record.b.smoking')}>
              {choice('riskFactors.smoking', substanceUses, 'record.b.use')}
            </FieldItem>
          </Col>
          <Col xs={24} md={8}>
            <FieldItem label={t('record.b.alcohol')}>
              {choice('riskFactors.alcohol', substanceUses, 'record.b.use')}
            </FieldItem>
          </Col>
          <Col xs={24} md={8}>
            <FieldItem
              label={t('record.b.alcoholDrinksPerDay')}
              error={formState.errors.riskFactors?.alcoholDrinksPerDay}
            >
              <TextField control={control} name="riskFactors.alcoholDrinksPerDay" disabled={readOnly} />
            </FieldItem>
          </Col>
          <Col xs={24} md={8}>
            <FieldItem label={t('record.b.drugs')}>
              {choice('riskFactors.drugs', substanceUses, 'record.b.use')}
            </FieldItem>
          </Col>
          <Col xs={24} md={8}>
            <FieldItem label={t('record.b.physicalActivity')}>
              {choice('riskFactors.physicalActivity', physicalActivityLevels, 'record.b.activity')}
            </FieldItem>
          </Col>
          <Col xs={24} md={8}>
            <FieldItem label={t('record.b.toiletType')}>
              {choice('riskFactors.toiletType', toiletTypes, 'record.b.toilet')}
            </FieldItem>
          </Col>
          <Col xs={24} md={16}>
            <FieldItem label={t('record.b.exposure')}>
              <TextField control={control} name="riskFactors.exposure" disabled={readOnly} />
            </FieldItem>
          </Col>
          <Col xs={24} md={8}>
            <FieldItem label={t('record.b.exposureDuration')}>
              <TextField control={control} name="riskFactors.exposureDuration" disabled={readOnly} />
            </FieldItem>
          </Col>
          <Col xs={24}>
            <FieldItem label={t('record.b.otherRisk')}>
              <TextField control={control} name="riskFactors.other" disabled={readOnly} />
            </FieldItem>
          </Col>
        </Row>
        <Typography.Title level={4}>{t('record.b.allergies')}</Typography.Title>
        <Row gutter={16}>
          {allergyKeys.map((key) => (
            <Col key={key} xs={24} md={12}>
              <FieldItem label={t(`record.b.allergy.${key}`)}>
                <TextField control={control} name={`allergies.${key}`} disabled={readOnly} />
              </FieldItem>
            </Col>
          ))}
        </Row>
        <Typography.Title level={4}>{t('record.b.illnesses')}</Typography.Title>
        <Controller
          name="chronicFlags"
          control={control}
          render={({ field }) => (
            <Checkbox.Group
              disabled={readOnly}
              value={field.value}
              onChange={field.onChange}
              options={chronicConditionFlags.map((flag) => ({
                value: flag,
                label: t(`record.b.chronic.${flag}`),
              }))}
            />
          )}
        />
        <Row gutter={16} className="hssk-history-texts">
          {(['cancer', 'tuberculosis', 'other'] as const).map((key) => (
            <Col key={key} xs={24} md={8}>
              <FieldItem label={t(`record.b.chronicText.${key}`)}>
                <TextField control={control} name={`chronicText.${key}`} disabled={readOnly} />
              </FieldItem>
            </Col>
          ))}
        </Row>
        <Typography.Title level={4}>{t('record.b.disabilities')}</Typography.Title>
        <Row gutter={16}>
          {disabilityKinds.map((kind) => (
            <Col key={kind} xs={24} md={8}>
              <FieldItem label={t(`record.b.disability.${kind}`)}>
                <TextField control={control} name={`disabilities.${kind}`} disabled={readOnly} />
              </FieldItem>
            </Col>
          ))}
        </Row>
        <Typography.Title level={4}>{t('record.b.surgeries')}</Typography.Title>
        {surgeries.fields.map((row, index) => (
          <Row gutter={8} key={row.id} data-testid="surgery-row">
            <Col xs={24} md={9}>
              <FieldItem
                label={t('record.b.surgery.bodyPart')}
                error={formState.errors.surgeries?.[index]?.bodyPart}
              >
                <TextField control={control} name={`surgeries.${index}.bodyPart`} disabled={readOnly} />
              </FieldItem>
            </Col>
            <Col xs={8} md={4}>
              <FieldItem label={t('record.b.surgery.year')} error={formState.errors.surgeries?.[index]?.year}>
                <TextField control={control} name={`surgeries.${index}.year`} disabled={readOnly} />
              </FieldItem>
            </Col>
            <Col xs={16} md={9}>
              <FieldItem label={t('record.b.surgery.note')}>
                <TextField control={control} name={`surgeries.${index}.note`} disabled={readOnly} />
              </FieldItem>
            </Col>
            <Col xs={24} md={2} className="hssk-row-action">
              {readOnly ? null : (
                <Button
                  type="link"
                  danger
                  onClick={() => {
                    surgeries.remove(index);
                  }}
                >
                  {t('record.b.surgery.remove')}
                </Button>
              )}
            </Col>
          </Row>
        ))}
        {readOnly ? null : (
          <Button
            className="hssk-history-add"
            data-testid="add-surgery"
            onClick={() => {
              surgeries.append({ bodyPart: '', year: '', note: '' });
            }}
          >
            {t('record.b.surgery.add')}
          </Button>
        )}
        <Typography.Title level={4}>{t('record.b.familyHistory')}</Typography.Title>
        {familyHistoryItems.map((item) => (
          <Row gutter={8} key={item} data-testid={`family-${item}`}>
            <Col xs={24} md={7}>
              <FieldItem label={t(`record.b.family.${item}`)}>
                {choice(`familyHistory.${item}.present`, yesNo, 'record.b.yesNo')}
              </FieldItem>
            </Col>
            <Col xs={12} md={9}>
              <FieldItem label={t('record.b.family.detail')}>
                <TextField control={control} name={`familyHistory.${item}.detail`} disabled={readOnly} />
              </FieldItem>
            </Col>
            <Col xs={12} md={8}>
              <FieldItem label={t('record.b.family.affected')}>
                <TextField control={control} name={`familyHistory.${item}.affected`} disabled={readOnly} />
              </FieldItem>
            </Col>
          </Row>
        ))}
        {showsReproductive ? (
          <>
            <Typography.Title level={4}>{t('record.b.reproductiveHealth')}</Typography.Title>
            <Row gutter={16} data-testid="reproductive-health">
              <Col xs={24} md={12}>
                <FieldItem label={t('record.b.reproduction.contraception')}>
                  <TextField control={control} name="reproductiveHealth.contraception" disabled={readOnly} />
                </FieldItem>
              </Col>
              <Col xs={24} md={12}>
                <FieldItem label={t('record.b.reproduction.lastPregnancy')}>
                  <TextField control={control} name="reproductiveHealth.lastPregnancy" disabled={readOnly} />
                </FieldItem>
              </Col>
              {reproductiveCounts.map((key) => (
                <Col key={key} xs={12} md={6}>
                  <FieldItem
                    label={t(`record.b.reproduction.${key}`)}
                    error={formState.errors.reproductiveHealth?.[key]}
                  >
                    <TextField control={control} name={`reproductiveHealth.${key}`} disabled={readOnly} />
                  </FieldItem>
                </Col>
              ))}
              <Col xs={24}>
                <FieldItem label={t('record.b.reproduction.gynecologicalConditions')}>
                  <TextField
                    control={control}
                    name="reproductiveHealth.gynecologicalConditions"
                    disabled={readOnly}
                  />
                </FieldItem>
              </Col>
            </Row>
          </>
        ) : null}
        <FieldItem label={t('record.b.otherIssues')}>
          <Controller
            name="otherIssues"
            control={control}
            render={({ field }) => (
              <Input.TextArea {...field} id="otherIssues" rows={3} maxLength={4000} disabled={readOnly} />
            )}
          />
        </FieldItem>
        {issues.map((issue, index) => (
          <Alert key={index} type="error" showIcon message={issue.message} className="hssk-form-alert" />
        ))}
        {readOnly ? null : (
          <Button type="primary" htmlType="submit" loading={formState.isSubmitting}>
            {t('record.b.save')}
          </Button>
        )}
      </form>
    </Form>
  );
}

function TextField({
  control,
  name,
  disabled,
}: {
  control: Control<HistoryValues, unknown, History831>;
  name: FieldPath<HistoryValues>;
  disabled: boolean;
}) {
  return (
    <Controller
      name={name}
      control={control}
      render={({ field }) => (
        <Input
          id={name}
          disabled={disabled}
          maxLength={500}
          value={field.value as string}
          onChange={field.onChange}
          onBlur={field.onBlur}
        />
      )}
    />
  );
}
