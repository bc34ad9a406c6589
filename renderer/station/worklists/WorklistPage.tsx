import { Alert, App, Button, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { hanoiOrgUnits } from '#shared/org-units/hanoi-org-units.ts';
import { vaccineCatalogue } from '#shared/reference-data/vaccine-catalogue.ts';
import {
  MAX_WORKLIST_RESIDENTS,
  worklistSorts,
  type ResidentSummary,
  type StationCommandResults,
  type StationIssue,
  type WorklistFilter,
  type WorklistKind,
  type WorklistSort,
} from '#shared/station-api/station-api.ts';
import { worklistFilterLine } from '#shared/station-api/worklist-filter-line.ts';
import { localIsoDate } from '../../common/format/format-date.ts';
import { useStation } from '../state/station-context.ts';
import type { PartAEdit } from '../record/part-a-sections.ts';
import { ResidentResultsTable } from '../residents/ResidentResultsTable.tsx';
import { followUpColumns } from './follow-up-columns.tsx';
import { dueColumns } from './due-columns.tsx';
import { WorklistPrint } from './WorklistPrint.tsx';

type Worklist = StationCommandResults['worklists.list'];

const FIRST_PAGE = 50;
const NEXT_PAGE = 500;
/** How long typing rests before the list is filtered again. */
const TYPING_PAUSE_MS = 300;

/** The part A editor a worklist's row opens, for the lists of a missing field. */
const missingField: Partial<Record<WorklistKind, PartAEdit>> = {
  'missing-personal-id': 'identity',
  'missing-phone': 'contact',
};

/** The programme's child vaccines, the ones the due list names. */
const childVaccines = vaccineCatalogue.filter((v) => v.population === 'child');

/**
 * One Art. 8.2 worklist with its residents, each opening their record. Staff filter it (name, health ID or address;
 * sex; age; for the due list a vaccine) and sort it; the core answers the filtered count and the first 50 residents,
 * "show more" asks for 500 more at a time (up to 10,000 in the virtualised list). While the list is longer than what
 * is shown, the screen says so. The filtered list prints on A4 or exports to Excel; both are in the access log.
 */
export function WorklistPage({ kind }: { kind: WorklistKind }) {
  const { t } = useTranslation();
  const station = useStation();
  const { message } = App.useApp();
  const go = useStore(station.navigation, (s) => s.go);
  const view = useStore(station.session, (s) => s.view);
  const unitName = hanoiOrgUnits().find((unit) => unit.id === view?.orgUnitId)?.name ?? t('app.stationOf');
  const today = localIsoDate(station.clock.now());
  const [list, setList] = useState<Worklist | null>(null);
  const [problem, setProblem] = useState<StationIssue | null>(null);
  const [limit, setLimit] = useState(FIRST_PAGE);
  const [loading, setLoading] = useState(false);
  const [typed, setTyped] = useState('');
  const [filter, setFilter] = useState<WorklistFilter>({});
  const [sort, setSort] = useState<WorklistSort>(kind === 'vaccinations-due' ? 'most-overdue' : 'name');
  const [printRows, setPrintRows] = useState<readonly ResidentSummary[] | null>(null);
  const [busy, setBusy] = useState<'print' | 'export' | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => {
      setFilter((f) => ({ ...f, text: typed.trim() === '' ? undefined : typed.trim() }));
    }, TYPING_PAUSE_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [typed]);
  const query = useCallback(
    () => ({ kind, onDate: localIsoDate(station.clock.now()), filter: withoutEmpty(filter), sort }),
    [station, kind, filter, sort],
  );
  const load = useCallback(async () => {
    setLoading(true);
    const answer = await station.api.call('worklists.list', { ...query(), limit });
    setLoading(false);
    if (answer.ok) {
      setList(answer.value);
      setProblem(null);
    } else setProblem(answer.errors[0] ?? null);
  }, [station, query, limit]);
  useEffect(() => {
    void load();
  }, [load]);
  // The list is printed once its rows are rendered into the print document, after the print is in the access log.
  useEffect(() => {
    if (printRows === null) return;
    void station.api.call('worklists.printed', { kind, count: printRows.length }).then(() => {
      window.print();
      setBusy(null);
    });
  }, [printRows, station.api, kind]);

  async function print() {
    setBusy('print');
    const answer = await station.api.call('worklists.list', { ...query(), limit: MAX_WORKLIST_RESIDENTS });
    if (!answer.ok) {
      setBusy(null);
      void message.error(answer.errors[0]?.message ?? '');
      return;
    }
    setPrintRows(answer.value.residents);
  }
  async function exportXlsx() {
    setBusy('export');
    const answer = await station.api.call('worklists.export', query());
    setBusy(null);
    if (!answer.ok) {
      void message.error(answer.errors[0]?.message ?? '');
      return;
    }
    saveFile(answer.value.fileName, answer.value.xlsxBase64);
    void message.success(t('worklist.exported', { rows: answer.value.rows, file: answer.value.fileName }));
  }

  const more = list !== null && list.count > list.residents.length && limit < MAX_WORKLIST_RESIDENTS;
  const filtered = list !== null && list.count !== list.total;
  return (
    <Space direction="vertical" size="middle" className="hssk-page" data-testid={`worklist-page-${kind}`}>
      <Space align="baseline" className="hssk-page-title" wrap>
        <Typography.Title level={2}>{t(`home.worklists.${kind}`)}</Typography.Title>
        <Button onClick={() => void load()}>{t('home.refresh')}</Button>
        <Button data-testid="worklist-print-button" loading={busy === 'print'} onClick={() => void print()}>
          {t('worklist.print')}
        </Button>
        <Button data-testid="worklist-export" loading={busy === 'export'} onClick={() => void exportXlsx()}>
          {t('worklist.export')}
        </Button>
      </Space>
      <Space wrap data-testid="worklist-filter">
        <Input.Search
          id="worklist-text"
          allowClear
          style={{ width: 300 }}
          placeholder={t('worklist.filterText')}
          value={typed}
          onChange={(e) => {
            setTyped(e.target.value);
          }}
        />
        <Select
          id="worklist-sex"
          style={{ width: 140 }}
          value={filter.sex ?? 'any'}
          aria-label={t('worklist.sex')}
          onChange={(sex: 'any' | 'male' | 'female') => {
            setFilter((f) => ({ ...f, sex: sex === 'any' ? undefined : sex }));
          }}
          options={[
            { value: 'any', label: t('worklist.anySex') },
            { value: 'female', label: t('residents.sex.female') },
            { value: 'male', label: t('residents.sex.male') },
          ]}
        />
        <Space size={4}>
          <InputNumber
            id="worklist-age-from"
            min={0}
            max={150}
            placeholder={t('worklist.ageFrom')}
            value={filter.minAgeYears ?? null}
            onChange={(age) => {
              setFilter((f) => ({ ...f, minAgeYears: age ?? undefined }));
            }}
          />
          <InputNumber
            id="worklist-age-to"
            min={0}
            max={150}
            placeholder={t('worklist.ageTo')}
            value={filter.maxAgeYears ?? null}
            onChange={(age) => {
              setFilter((f) => ({ ...f, maxAgeYears: age ?? undefined }));
            }}
          />
        </Space>
        {kind === 'vaccinations-due' ? (
          <Select
            id="worklist-vaccine"
            style={{ width: 220 }}
            aria-label={t('worklist.vaccine')}
            value={filter.vaccineCode ?? 'any'}
            onChange={(code: string) => {
              setFilter((f) => ({ ...f, vaccineCode: code === 'any' ? undefined : code }));
            }}
            options={[
              { value: 'any', label: t('worklist.anyVaccine') },
              ...childVaccines.map((v) => ({ value: v.code, label: v.name })),
            ]}
          />
        ) : null}
        <Select
          id="worklist-sort"
          style={{ width: 210 }}
          aria-label={t('worklist.sort')}
          value={sort}
          onChange={setSort}
          options={worklistSorts
            .filter((s) => s !== 'most-overdue' || kind === 'vaccinations-due')
            .map((s) => ({ value: s, label: t(`worklist.sorts.${s}`) }))}
        />
        {filtered ? (
          <Button
            type="link"
            onClick={() => {
              setTyped('');
              setFilter({});
            }}
          >
            {t('worklist.clearFilter')}
          </Button>
        ) : null}
      </Space>
      {problem === null ? null : <Alert type="error" showIcon message={problem.message} />}
      {list === null ? null : (
        <Typography.Text data-testid="worklist-count">
          {[
            filtered
              ? t('worklist.filtered', {
                  matched: list.count.toLocaleString('vi-VN'),
                  total: list.total.toLocaleString('vi-VN'),
                })
              : null,
            list.count > list.residents.length
              ? t('worklist.firstOf', {
                  shown: list.residents.length.toLocaleString('vi-VN'),
                  total: list.count.toLocaleString('vi-VN'),
                })
              : filtered
                ? null
                : t('home.count', { count: list.count }),
          ]
            .filter((part) => part !== null)
            .join(' ')}
        </Typography.Text>
      )}
      <ResidentResultsTable
        residents={list?.residents ?? []}
        loading={list === null && problem === null}
        onDate={today}
        extraColumns={
          kind === 'vaccinations-due'
            ? dueColumns(t, today)
            : kind === 'hospital-follow-ups'
              ? followUpColumns(t, today)
              : undefined
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
      {printRows === null ? null : (
        <WorklistPrint
          kind={kind}
          residents={printRows}
          unitName={unitName}
          today={today}
          filterLine={worklistFilterLine(withoutEmpty(filter))}
        />
      )}
    </Space>
  );
}

/** The filter without the fields left empty (the core's schema takes no `undefined` values). */
function withoutEmpty(filter: WorklistFilter): WorklistFilter {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
}

/** Hands the workbook to the browser as a download: the desktop app asks where to save it. */
function saveFile(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(
    new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}
