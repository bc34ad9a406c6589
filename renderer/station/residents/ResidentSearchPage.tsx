import { Alert, Button, Input, Space, Typography } from 'antd';
import { useRef, useState, type KeyboardEvent } from 'react';
import { localIsoDate } from '../../common/format/format-date.ts';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useStation } from '../state/station-context.ts';
import { ResidentResultsTable } from './ResidentResultsTable.tsx';
import { useResidentSearch } from './use-resident-search.ts';

/** Find residents as you type: by name with or without diacritics, CCCD, health ID, BHYT card or phone. */
export function ResidentSearchPage({
  initialQuery,
  initialScrollTop,
}: {
  initialQuery: string;
  initialScrollTop?: number | undefined;
}) {
  const { t } = useTranslation();
  const station = useStation();
  const go = useStore(station.navigation, (s) => s.go);
  const [query, setQuery] = useState(initialQuery);
  const scrollTop = useRef(initialScrollTop ?? 0);
  const search = useResidentSearch(station.api, query);
  const results = useRef<HTMLDivElement>(null);
  // Arrow keys move from the search box through the names, and back up to the box.
  const onArrow = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const names = [
      ...(results.current?.querySelectorAll<HTMLElement>('[data-testid="open-resident"]') ?? []),
    ];
    if (names.length === 0) return;
    const at = names.findIndex((name) => name === document.activeElement);
    const next = event.key === 'ArrowDown' ? at + 1 : at - 1;
    event.preventDefault();
    if (next < 0) document.getElementById('resident-search')?.focus();
    else names[Math.min(next, names.length - 1)]?.focus();
  };
  return (
    <Space direction="vertical" size="middle" className="hssk-page" onKeyDown={onArrow}>
      <Space align="baseline" className="hssk-page-title">
        <Typography.Title level={2}>{t('residents.searchTitle')}</Typography.Title>
        <Button
          type="primary"
          onClick={() => {
            go({ name: 'register' });
          }}
        >
          {t('residents.registerNew')}
        </Button>
      </Space>
      <Input.Search
        id="resident-search"
        size="large"
        allowClear
        autoFocus
        maxLength={100}
        placeholder={t('residents.searchPlaceholder')}
        value={query}
        loading={search.searching}
        onChange={(event) => {
          setQuery(event.target.value);
        }}
      />
      {/* `data-answered-query` says which query the list below answers (tests time keystroke → results by it). */}
      <Typography.Text
        type="secondary"
        data-testid="search-answered"
        data-answered-query={search.answeredQuery}
      >
        {search.answeredQuery === ''
          ? t('residents.searchHint')
          : t('residents.resultCount', { count: search.residents.length })}
      </Typography.Text>
      {search.problem === null ? null : <Alert type="error" showIcon message={search.problem.message} />}
      <div ref={results}>
        <ResidentResultsTable
          residents={search.residents}
          loading={false}
          onDate={localIsoDate(station.clock.now())}
          initialScrollTop={initialScrollTop}
          onScrollTop={(top) => {
            scrollTop.current = top;
          }}
          onOpen={(resident) => {
            go({
              name: 'resident',
              id: resident.id,
              back: { name: 'residents', query, scrollTop: scrollTop.current },
            });
          }}
        />
      </div>
    </Space>
  );
}
