import { Alert, Button, Space, Typography, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { TFunction } from 'i18next';
import { daysBetween } from '#shared/clinical/calendar-days.ts';
import { formatPhone } from '#shared/identifiers/phone-number.ts';
import {
  MAX_WORKLIST_RESIDENTS,
  type DueResidentSummary,
  type ResidentSummary,
  type StationCommandResults,
  type StationIssue,
  type WorklistKind,
} from '#shared/station-api/station-api.ts';
import { formatPartialDate, localIsoDate } from '../../common/format/format-date.ts';
import { useStation } from '../state/station-context.ts';
import type { PartAEdit } from '../record/part-a-sections.ts';
import { vaccineName } from '../record/reference-names.ts';
import { ResidentResultsTable } from '../residents/ResidentResultsTable.tsx';

type Worklist = StationCommandResults['worklists.summary']['lists'][number];

const FIRST_PAGE = 50;

/** The part A editor a worklist's row opens, for the lists of a missing field. */
const missingField: Partial<Record<WorklistKind, PartAEdit>> = {
  'missing-personal-id': 'identity',
  'missing-phone': 'contact',
};
const NEXT_PAGE = 500;

/**
 * One Art. 8.2 worklist with its residents in Vietnamese order, each opening their record. The core answers the
 * count and the first 50 residents; "show more" asks for 500 more at a time (up to 10,000 in the virtualised list).
 * While the list is longer than what is shown, the screen says so, never pretending it shows them all.
 */
export function WorklistPage({ kind }: { kind: WorklistKind }) {
  const { t } = useTranslation();
  const station = useStation();
  const go = useStore(station.navigation, (s) => s.go);
  const [list, setList] = useState<Worklist | null>(null);
  const [problem, setProblem] = useState<StationIssue | null>(null);
  const [limit, setLimit] = useState(FIRST_PAGE);
  const [loading, setLoading] = useState(false);
  const load = useCallback(async () => {
    setLoading(true);
    const answer = await station.api.call('worklists.summary', {
      onDate: localIsoDate(station.clock.now()),
      limit,
    });
    setLoading(false);
    if (answer.ok) {
      setList(answer.value.lists.find((l) => l.kind === kind) ?? null);
      setProblem(null);
    } else setProblem(answer.errors[0] ?? null);
  }, [station, kind, limit]);
  useEffect(() => {
    void load();
  }, [load]);
  const more = list !== null && list.count > list.residents.length && limit < MAX_WORKLIST_RESIDENTS;
  return (
    <Space direction="vertical" size="middle" className="hssk-page" data-testid={`worklist-page-${kind}`}>
      <Space align="baseline" className="hssk-page-title">
        <Typography.Title level={2}>{t(`home.worklists.${kind}`)}</Typography.Title>
        <Button onClick={() => void load()}>{t('home.refresh')}</Button>
      </Space>
      {problem === null ? null : <Alert type="error" showIcon message={problem.message} />}
      {list === null ? null : (
        <Typography.Text data-testid="worklist-count">
          {list.count > list.residents.length
            ? t('worklist.firstOf', {
                shown: list.residents.length,
                total: list.count.toLocaleString('vi-VN'),
              })
            : t('home.count', { count: list.count })}
        </Typography.Text>
      )}
      <ResidentResultsTable
        residents={list?.residents ?? []}
        loading={list === null && problem === null}
        onDate={localIsoDate(station.clock.now())}
        extraColumns={
          kind === 'vaccinations-due' ? dueColumns(t, localIsoDate(station.clock.now())) : undefined
        }
        onOpen={(resident) => {
          const edit = missingField[kind];
          go({ name: 'resident', id: resident.id, ...(edit === undefined ? {} : { edit }) });
        }}
      />
      {more ? (
        <Button
          data-testid="worklist-more"
          loading={loading}
          onClick={() => {
            setLimit((shown) => Math.min(shown + NEXT_PAGE, MAX_WORKLIST_RESIDENTS));
          }}
        >
          {t('worklist.showMore', { count: Math.min(NEXT_PAGE, list.count - list.residents.length) })}
        </Button>
      ) : null}
    </Space>
  );
}

/**
 * The "vaccinations due" list's own columns: each dose due with how overdue it is, the phone to call and (for a child)
 * the parent or caregiver.
 */
function dueColumns(t: TFunction, today: string): TableColumnsType<ResidentSummary> {
  const dueOf = (resident: ResidentSummary): Partial<DueResidentSummary> => resident;
  return [
    {
      title: t('worklist.dueDoses'),
      key: 'due',
      width: 260,
      render: (_, resident) =>
        (dueOf(resident).due ?? [])
          .map((dose) => {
            const late = daysBetween(dose.dueDate, today);
            return `${vaccineName(dose.vaccineCode)} ${t('worklist.doseNumber', { dose: dose.dose })} — ${
              late > 0
                ? t('worklist.overdueDays', { count: late })
                : t('worklist.dueOn', { date: formatPartialDate(dose.dueDate) })
            }`;
          })
          .join('; '),
    },
    {
      title: t('worklist.phone'),
      key: 'phone',
      width: 130,
      render: (_, resident) => {
        const phone = dueOf(resident).phone;
        return phone === undefined ? '' : formatPhone(phone);
      },
    },
    {
      title: t('worklist.parent'),
      key: 'parent',
      width: 180,
      render: (_, resident) => dueOf(resident).parent ?? '',
    },
  ];
}
