import { Button, Table, Tag, type GetRef, type TableColumnsType } from 'antd';
import { useEffect, useRef } from 'react';
import { ageOn } from '#shared/clinical/age.ts';
import { useTranslation } from 'react-i18next';
import type { ResidentSummary } from '#shared/station-api/station-api.ts';
import { formatPartialDate } from '../../common/format/format-date.ts';

/**
 * Residents as a virtualised table (only the visible rows are in the page), in the order the core gave them
 * (Vietnamese collation: tên, tên đệm, họ). A name opens the record (a button: reachable with Tab, Enter opens).
 * Every value is rendered as text.
 */
export function ResidentResultsTable({
  residents,
  loading,
  onOpen,
  onDate,
  initialScrollTop,
  onScrollTop,
  extraColumns,
}: {
  residents: readonly ResidentSummary[];
  loading: boolean;
  onOpen: (resident: ResidentSummary) => void;
  /** Today (yyyy-mm-dd), for the age column. */
  onDate: string;
  /** Where the list was scrolled to when the person left it (restored once the rows are there). */
  initialScrollTop?: number | undefined;
  /** Told where the list is scrolled to, as it scrolls. */
  onScrollTop?: ((top: number) => void) | undefined;
  /** Columns a worklist adds after the name (the doses due, whom to call). */
  extraColumns?: TableColumnsType<ResidentSummary> | undefined;
}) {
  const { t } = useTranslation();
  const table = useRef<GetRef<typeof Table<ResidentSummary>>>(null);
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current || initialScrollTop === undefined || residents.length === 0) return;
    restored.current = true;
    table.current?.scrollTo({ top: initialScrollTop });
  }, [residents, initialScrollTop]);
  const ageText = (resident: ResidentSummary): string => {
    const age = ageOn(resident.dateOfBirth, onDate);
    if (!age.ok) return '';
    const { minYears, maxYears, months } = age.value;
    if (months !== undefined && months < 24) return t('residents.age.months', { count: months });
    return minYears === maxYears
      ? t('residents.age.years', { count: minYears })
      : t('residents.age.range', { min: minYears, max: maxYears });
  };
  const columns: TableColumnsType<ResidentSummary> = [
    {
      title: t('residents.columns.fullName'),
      key: 'fullName',
      width: 240,
      render: (_, resident) => (
        <Button
          type="link"
          className="hssk-name-link"
          data-testid="open-resident"
          onClick={() => {
            onOpen(resident);
          }}
        >
          {resident.fullName}
        </Button>
      ),
    },
    ...(extraColumns ?? []),
    {
      title: t('residents.columns.dateOfBirth'),
      key: 'dateOfBirth',
      width: 120,
      render: (_, resident) => formatPartialDate(resident.dateOfBirth),
    },
    {
      title: t('residents.columns.age'),
      key: 'age',
      width: 90,
      render: (_, resident) => ageText(resident),
    },
    {
      title: t('residents.columns.sex'),
      key: 'sex',
      width: 90,
      render: (_, resident) => t(`residents.sex.${resident.sex}`),
    },
    { title: t('residents.columns.healthId'), dataIndex: 'healthId', key: 'healthId', width: 160 },
    { title: t('residents.columns.personalId'), dataIndex: 'personalId', key: 'personalId', width: 140 },
    { title: t('residents.columns.address'), dataIndex: 'address', key: 'address', ellipsis: true },
    {
      title: t('residents.columns.status'),
      key: 'status',
      width: 140,
      render: (_, resident) =>
        resident.status === 'active' ? null : (
          <Tag color="orange">{t(`residents.status.${resident.status}`)}</Tag>
        ),
    },
  ];
  return (
    <Table<ResidentSummary>
      ref={table}
      virtual
      onScroll={(event) => {
        onScrollTop?.(event.currentTarget.scrollTop);
      }}
      data-testid="resident-results"
      rowKey="id"
      size="small"
      loading={loading}
      columns={columns}
      dataSource={residents}
      pagination={false}
      scroll={{ x: 1100, y: 480 }}
      locale={{ emptyText: t('residents.noResults') }}
    />
  );
}
