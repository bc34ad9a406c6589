import { Alert, Button, Card, Col, List, Row, Space, Statistic, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StationCommandResults, StationIssue } from '#shared/station-api/station-api.ts';
import { formatPartialDate, localIsoDate } from '../../common/format/format-date.ts';
import { useStation } from '../state/station-context.ts';

type Worklists = StationCommandResults['worklists.summary']['lists'];

/** Today's work (Art. 8.2 worklists) with counts and their first residents, in the core's Vietnamese order. */
export function HomePage() {
  const { t } = useTranslation();
  const station = useStation();
  const go = useStore(station.navigation, (s) => s.go);
  const [lists, setLists] = useState<Worklists | null>(null);
  const [problem, setProblem] = useState<StationIssue | null>(null);
  const today = localIsoDate(station.clock.now());
  const load = useCallback(async () => {
    const answer = await station.api.call('worklists.summary', { onDate: today });
    if (answer.ok) {
      setLists(answer.value.lists);
      setProblem(null);
    } else setProblem(answer.errors[0] ?? null);
  }, [station.api, today]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Space direction="vertical" size="large" className="hssk-page">
      <Space align="baseline" className="hssk-page-title">
        <Typography.Title level={2}>{t('home.title')}</Typography.Title>
        <Typography.Text type="secondary">
          {t('home.today', { date: formatPartialDate(today) })}
        </Typography.Text>
        <Button onClick={() => void load()}>{t('home.refresh')}</Button>
      </Space>
      {problem === null ? null : <Alert type="error" showIcon message={problem.message} />}
      <Row gutter={[16, 16]}>
        {(lists ?? []).map((list) => (
          <Col key={list.kind} xs={24} md={12} xl={8}>
            <Card data-testid={`worklist-${list.kind}`} loading={lists === null}>
              <Statistic
                title={t(`home.worklists.${list.kind}`)}
                value={list.count}
                suffix={t('home.people')}
              />
              <List
                size="small"
                dataSource={list.residents.slice(0, 5)}
                locale={{ emptyText: t('home.empty') }}
                renderItem={(resident) => (
                  <List.Item>
                    <Button
                      type="link"
                      className="hssk-name-link"
                      onClick={() => {
                        go({ name: 'resident', id: resident.id });
                      }}
                    >
                      {resident.fullName}
                    </Button>
                    <Typography.Text type="secondary">
                      {formatPartialDate(resident.dateOfBirth)}
                    </Typography.Text>
                  </List.Item>
                )}
              />
              <Space className="hssk-card-footer">
                {list.count > 5 ? (
                  <Typography.Text type="secondary">
                    {t('home.more', { count: list.count - 5 })}
                  </Typography.Text>
                ) : null}
                <Button
                  size="small"
                  data-testid={`open-worklist-${list.kind}`}
                  onClick={() => {
                    go({ name: 'worklist', kind: list.kind });
                  }}
                >
                  {t('home.openList')}
                </Button>
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
    </Space>
  );
}
