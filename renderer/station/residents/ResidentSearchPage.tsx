import { Alert, Button, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useStation } from '../state/station-context.ts';
import { ResidentResultsTable } from './ResidentResultsTable.tsx';
import { useResidentSearch } from './use-resident-search.ts';

/** Find residents as you type: by name with or without diacritics, CCCD, health ID, BHYT card or phone. */
export function ResidentSearchPage({ initialQuery }: { initialQuery: string }) {
  const { t } = useTranslation();
  const station = useStation();
  const go = useStore(station.navigation, (s) => s.go);
  const [query, setQuery] = useState(initialQuery);
  const search = useResidentSearch(station.api, query);
  return (
    <Space direction="vertical" size="middle" className="hssk-page">
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
      <ResidentResultsTable
        residents={search.residents}
        loading={false}
        onOpen={(resident) => {
          go({ name: 'resident', id: resident.id });
        }}
      />
    </Space>
  );
}
