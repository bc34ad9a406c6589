import { Radio, Space, Table, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { MergeablePersonGroup } from '#shared/schemas/field-groups.ts';
import type { DuplicatePerson } from '#shared/server-api/duplicates.ts';
import { personFieldLabel, personValueLabel } from '../ui/labels.ts';
import { fieldText } from './field-text.ts';
import type { GroupPicks } from './merge-plan.ts';
import { KEPT_FIELD, pairGroups, type PairFieldRow, type PairGroup } from './pair-rows.ts';

type Row =
  | { readonly key: string; readonly kind: 'group'; readonly group: PairGroup }
  | { readonly key: string; readonly kind: 'field'; readonly row: PairFieldRow };

const sides = ['a', 'b'] as const;

function valueText(row: PairFieldRow, index: 0 | 1, t: TFunction): string {
  const value = row.values[index];
  return personValueLabel(row.field, value, t) ?? fieldText(row.field, value);
}

/**
 * The two records of a pair side by side, field group by field group, the fields that differ marked. With `picks`,
 * each group has a choice of whose value survives, and the values kept and dropped are shown as such; without, it only
 * shows (a pair already decided).
 */
export function PairComparison(props: {
  persons: readonly [DuplicatePerson, DuplicatePerson];
  survivorId: string | undefined;
  picks?: GroupPicks | undefined;
  onPick?: ((group: MergeablePersonGroup, personId: string) => void) | undefined;
}) {
  const { t } = useTranslation();
  const { persons, survivorId, picks, onPick } = props;
  const ids = [persons[0].id, persons[1].id] as const;
  const groups = pairGroups(persons[0], persons[1]);
  const rows: Row[] = groups.flatMap((group) => [
    { key: group.group, kind: 'group' as const, group },
    ...group.fields.map((row) => ({ key: `${group.group}.${row.field}`, kind: 'field' as const, row })),
  ]);
  const recordName = (index: 0 | 1) => t(`admin.duplicates.record.${sides[index]}`);

  /** Kept or dropped, for a differing field while choosing: the survivor keeps its health ID whatever is picked. */
  const fate = (row: PairFieldRow, index: 0 | 1): string | undefined => {
    if (picks === undefined || survivorId === undefined || !row.differs) return undefined;
    const keeper = row.field === KEPT_FIELD ? survivorId : picks[row.group];
    return keeper === ids[index] ? 'hssk-cell-kept' : 'hssk-cell-dropped';
  };

  const sideColumn = (index: 0 | 1) => ({
    key: sides[index],
    title: (
      <Space>
        <Typography.Text strong>{recordName(index)}</Typography.Text>
        {survivorId === undefined ? null : survivorId === ids[index] ? (
          <Tag color="green">{t('admin.duplicates.kept')}</Tag>
        ) : (
          <Tag color="orange">
            {picks === undefined ? t('admin.duplicates.redirected') : t('admin.duplicates.redirect')}
          </Tag>
        )}
      </Space>
    ),
    onCell: (row: Row) => {
      const className = row.kind === 'field' ? fate(row.row, index) : undefined;
      return className === undefined ? {} : { className };
    },
    render: (_: unknown, row: Row) => {
      if (row.kind === 'field') {
        const text = valueText(row.row, index, t);
        return text === '' ? (
          <Typography.Text type="secondary">{t('admin.none')}</Typography.Text>
        ) : (
          <span className="hssk-pre">{text}</span>
        );
      }
      const { group } = row;
      if (picks === undefined || onPick === undefined) return null;
      if (!group.filled[0] && !group.filled[1])
        return <Typography.Text type="secondary">{t('admin.duplicates.bothEmpty')}</Typography.Text>;
      return (
        <Radio
          checked={picks[group.group] === ids[index]}
          data-testid={`pick-${group.group}-${sides[index]}`}
          onChange={() => {
            onPick(group.group, ids[index]);
          }}
        >
          {t('admin.duplicates.pick', { letter: sides[index].toUpperCase() })}
        </Radio>
      );
    },
  });

  return (
    <Table<Row>
      rowKey="key"
      size="small"
      data-testid="pair-comparison"
      dataSource={rows}
      pagination={false}
      rowClassName={(row) =>
        row.kind === 'group' ? 'hssk-row-group' : row.row.differs ? 'hssk-row-differs' : ''
      }
      columns={[
        {
          key: 'field',
          title: t('admin.duplicates.field'),
          width: '28%',
          render: (_, row) =>
            row.kind === 'group' ? (
              <Space>
                <Typography.Text strong>{t(`admin.duplicates.groups.${row.group.group}`)}</Typography.Text>
                {row.group.differs ? <Tag color="gold">{t('admin.duplicates.differs')}</Tag> : null}
              </Space>
            ) : (
              <Space direction="vertical" size={0}>
                <Typography.Text>{personFieldLabel(row.row.field, t)}</Typography.Text>
                {row.row.field === KEPT_FIELD ? (
                  <Typography.Text type="secondary">{t('admin.duplicates.healthIdKept')}</Typography.Text>
                ) : null}
              </Space>
            ),
        },
        sideColumn(0),
        sideColumn(1),
      ]}
    />
  );
}
