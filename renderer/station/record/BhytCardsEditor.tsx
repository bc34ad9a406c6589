import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App, Button, Col, Form, Input, Modal, Popconfirm, Row, Table, Typography } from 'antd';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { parseBhytCard } from '#shared/identifiers/bhyt-card.ts';
import { bhytAreaCodes, bhytCardRow, type BhytCardRow } from '#shared/schemas/bhyt-card-row.ts';
import type { Person } from '#shared/schemas/person.ts';
import type { StationIssue } from '#shared/station-api/station-api.ts';
import { FieldItem } from '../../common/forms/FieldItem.tsx';
import { DialogActions } from '../../common/forms/DialogActions.tsx';
import { FormProblems } from '../../common/forms/FormProblems.tsx';
import { OptionalSelect } from '../../common/forms/OptionalSelect.tsx';
import { formErrorMap } from '../../common/forms/form-error-map.ts';
import { formatPartialDate, localIsoDate } from '../../common/format/format-date.ts';
import { useStation } from '../state/station-context.ts';
import { PartialDateField } from '../residents/PartialDateField.tsx';
import { cardPeriodState, renewalOf, type CardValues } from './bhyt-card-renewal.ts';

const cardSchema = z.preprocess(
  (values) =>
    Object.fromEntries(Object.entries(values as CardValues).filter(([, value]) => value.trim() !== '')),
  bhytCardRow,
) as unknown as z.ZodType<BhytCardRow, CardValues>;

/**
 * The resident's BHYT cards, one row per card period (newest first, the one valid today marked), with a new period
 * added for a renewal — the card history is kept, never overwritten — and a row entered by mistake removed.
 */
export function BhytCardsEditor(props: {
  person: Person;
  onClose: () => void;
  onSaved: () => Promise<void>;
}) {
  const { person } = props;
  const { t, i18n } = useTranslation();
  const station = useStation();
  const { message } = App.useApp();
  const today = localIsoDate(station.clock.now());
  const [issues, setIssues] = useState<readonly StationIssue[]>([]);
  const [busy, setBusy] = useState(false);
  const { control, handleSubmit, formState } = useForm<CardValues, unknown, BhytCardRow>({
    resolver: zodResolver(cardSchema, { error: formErrorMap(t('register.required'), i18n.language) }),
    defaultValues: renewalOf(person.bhytCards, today),
  });
  const code = useWatch({ control, name: 'code' });
  const parsed = parseBhytCard(code);
  const cardWarnings = parsed.ok ? parsed.warnings : [];

  async function saveCards(bhytCards: BhytCardRow[]) {
    setBusy(true);
    const answer = await station.api.call('residents.update', { id: person.id, changes: { bhytCards } });
    setBusy(false);
    if (!answer.ok) {
      setIssues(answer.errors);
      return;
    }
    void message.success(t('record.edit.saved'));
    await props.onSaved();
    props.onClose();
  }
  const onSubmit = handleSubmit((card) => saveCards([...person.bhytCards, card]));

  const rows = person.bhytCards.map((card, index) => ({ card, index })).reverse();
  const field = (name: keyof CardValues, label: string, span: number, required = false) => (
    <Col xs={24} md={span}>
      <FieldItem label={label} error={formState.errors[name]} required={required}>
        <Controller
          name={name}
          control={control}
          render={({ field: f }) =>
            name === 'validFrom' || name === 'validTo' ? (
              <PartialDateField id={`card-${name}`} value={f.value} onChange={f.onChange} onBlur={f.onBlur} />
            ) : name === 'areaCode' ? (
              <OptionalSelect
                id="card-areaCode"
                value={f.value}
                onChange={f.onChange}
                options={bhytAreaCodes.map((area) => ({ value: area, label: area }))}
              />
            ) : (
              <Input
                id={`card-${name}`}
                value={f.value}
                onChange={f.onChange}
                onBlur={f.onBlur}
                maxLength={20}
              />
            )
          }
        />
      </FieldItem>
    </Col>
  );
  return (
    <Modal
      open
      width={880}
      title={t('record.edit.title.bhyt')}
      onCancel={props.onClose}
      footer={null}
      destroyOnHidden
    >
      <div data-testid="edit-bhyt">
        <Table
          size="small"
          pagination={false}
          rowKey={(row) => String(row.index)}
          dataSource={rows}
          data-testid="bhyt-history"
          locale={{ emptyText: t('record.a.noCards') }}
          columns={[
            { title: t('register.bhytCode'), key: 'code', render: (_, row) => row.card.code },
            {
              title: t('record.a.cardValidity'),
              key: 'validity',
              render: (_, row) =>
                [row.card.validFrom, row.card.validTo]
                  .map((date) => (date === undefined ? '…' : formatPartialDate(date)))
                  .join(' – '),
            },
            {
              title: t('record.a.registeredFacility'),
              key: 'facility',
              render: (_, row) => row.card.registeredFacility ?? '',
            },
            {
              title: '',
              key: 'state',
              render: (_, row) => t(`record.a.cardState.${cardPeriodState(row.card, today)}`),
            },
            {
              title: '',
              key: 'remove',
              render: (_, row) => (
                <Popconfirm
                  title={t('record.edit.removeCardConfirm')}
                  okText={t('record.edit.removeCard')}
                  cancelText={t('record.cancel')}
                  onConfirm={() => void saveCards(person.bhytCards.filter((_, i) => i !== row.index))}
                >
                  <Button size="small" type="link" danger>
                    {t('record.edit.removeCard')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
        <Typography.Title level={5} className="hssk-section-title">
          {person.bhytCards.length === 0 ? t('record.edit.addCard') : t('record.edit.renewCard')}
        </Typography.Title>
        <Form layout="vertical" component={false}>
          <form onSubmit={(event) => void onSubmit(event)} noValidate data-testid="bhyt-card-form">
            <Row gutter={16}>
              {field('code', t('register.bhytCode'), 12, true)}
              {field('registeredFacility', t('record.a.registeredFacility'), 6)}
              {field('areaCode', t('record.a.areaCode'), 6)}
              {field('validFrom', t('record.a.cardFrom'), 12)}
              {field('validTo', t('record.a.cardTo'), 12)}
            </Row>
            {cardWarnings.length > 0 ? (
              <Alert
                type="warning"
                showIcon
                className="hssk-form-alert"
                data-testid="card-warnings"
                message={cardWarnings.map((warning) => warning.message).join(' ')}
              />
            ) : null}
            <FormProblems hasFieldErrors={Object.keys(formState.errors).length > 0} issues={issues} />
            <DialogActions
              cancelLabel={t('record.cancel')}
              submitLabel={t('record.edit.saveCard')}
              onCancel={props.onClose}
              busy={busy || formState.isSubmitting}
            />
          </form>
        </Form>
      </div>
    </Modal>
  );
}
