import { Card, Radio, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatPartialDate } from '../../common/format/format-date.ts';
import type { DuplicatePerson } from '#shared/server-api/duplicates.ts';
import { useConsole } from '../state/console-context.ts';
import { personStatusLabel, sexLabel } from '../ui/labels.ts';

const sides = ['a', 'b'] as const;

/**
 * The two records of a pair, one card each: who, health ID, managing unit, registered and last changed. With
 * `onChoose`, each card offers to keep that record (a radio group across both cards); `proposedId` is marked.
 */
export function PairRecordCards(props: {
  persons: readonly [DuplicatePerson, DuplicatePerson];
  survivorId: string | undefined;
  proposedId?: string | undefined;
  onChoose?: ((personId: string) => void) | undefined;
}) {
  const { t } = useTranslation();
  const { orgs } = useConsole();
  const { persons, survivorId, proposedId, onChoose } = props;
  const cards = persons.map((person, index) => {
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    const kept = survivorId === person.id;
    return (
      <Card
        key={person.id}
        size="small"
        data-testid={`record-${sides[index] ?? 'a'}`}
        className={kept ? 'hssk-card-kept' : ''}
        title={
          <Space>
            {t(`admin.duplicates.record.${sides[index] ?? 'a'}`)}
            {survivorId === undefined ? null : kept ? (
              <Tag color="green">{t('admin.duplicates.kept')}</Tag>
            ) : (
              <Tag color="orange">
                {onChoose === undefined ? t('admin.duplicates.redirected') : t('admin.duplicates.redirect')}
              </Tag>
            )}
            {proposedId === person.id ? <Tag color="blue">{t('admin.duplicates.proposed')}</Tag> : null}
          </Space>
        }
      >
        <Space direction="vertical" size={2}>
          <Typography.Text strong>{person.fullName}</Typography.Text>
          <Typography.Text>
            {formatPartialDate(text(person['dateOfBirth']))} · {sexLabel(text(person['sex']), t)}
          </Typography.Text>
          <Typography.Text>{t('admin.duplicates.healthId', { healthId: person.healthId })}</Typography.Text>
          <Typography.Text>{orgs.name(person.orgUnitId)}</Typography.Text>
          <Typography.Text type="secondary">
            {t('admin.duplicates.registeredAt', { when: formatDateTime(person.createdAt) })}
          </Typography.Text>
          {typeof person['updatedAt'] === 'string' ? (
            <Typography.Text type="secondary">
              {t('admin.duplicates.updatedAt', { when: formatDateTime(person['updatedAt']) })}
            </Typography.Text>
          ) : null}
          {person.status === 'active' ? null : <Tag>{personStatusLabel(person.status, t)}</Tag>}
          {onChoose === undefined ? null : (
            <Radio value={person.id} data-testid={`keep-${sides[index] ?? 'a'}`}>
              {t('admin.duplicates.keepThis')}
            </Radio>
          )}
        </Space>
      </Card>
    );
  });
  const grid = (children: ReactNode) => <div className="hssk-pair-cards">{children}</div>;
  if (onChoose === undefined) return grid(cards);
  return (
    <Radio.Group
      value={survivorId}
      className="hssk-page"
      onChange={(event) => {
        onChoose(String(event.target.value));
      }}
    >
      {grid(cards)}
    </Radio.Group>
  );
}
