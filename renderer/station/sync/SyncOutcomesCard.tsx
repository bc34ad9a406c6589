import { Button, Card, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { MERGE_RULES, type MergeRule } from '#shared/merge/merge-decision.ts';
import type { StationIssue, SyncOutcomeView } from '#shared/station-api/station-api.ts';
import { formatDateTime } from '../../common/format/format-date.ts';
import { useStation } from '../state/station-context.ts';

const knownRules: ReadonlySet<string> = new Set(MERGE_RULES);

/** What happened to one write, in the health worker's words: the reason or the rules, and what an admin did. */
function OutcomeText(props: { outcome: SyncOutcomeView }) {
  const { t } = useTranslation();
  const { outcome } = props;
  if (outcome.kind === 'merged') {
    return (
      <>
        <Tag color="blue">{t('syncPanel.outcomeKinds.merged')}</Tag>
        {outcome.rules.map((rule) => (
          <div key={rule}>{knownRules.has(rule) ? t(`syncPanel.mergeRules.${rule as MergeRule}`) : rule}</div>
        ))}
      </>
    );
  }
  const resolution =
    outcome.resolution === 'dismissed' || outcome.resolution === 'reapplied' ? outcome.resolution : 'open';
  return (
    <>
      <Tag color={resolution === 'open' ? 'orange' : 'default'}>
        {t('syncPanel.outcomeKinds.quarantined')}
      </Tag>
      <div>{outcome.reasonMessage}</div>
      <Typography.Text type="secondary" data-testid="outcome-resolution">
        {t(`syncPanel.outcomeResolutions.${resolution}`)}
        {outcome.note === null ? null : ` ${t('syncPanel.outcomeNote', { note: outcome.note })}`}
      </Typography.Text>
    </>
  );
}

/**
 * The writes of this computer the server refused (kept in its quarantine for an admin) or merged with a concurrent
 * change, newest first, with whose record each is and what happened (`sync.outcomes`, online only). Reloaded after
 * every push, so a write the server just refused shows up without a click.
 */
export function SyncOutcomesCard(props: { label: (collection: string) => string }) {
  const { t } = useTranslation();
  const station = useStation();
  const lastPushAt = useStore(station.sync, (s) => s.status?.lastPushAt ?? null);
  const [outcomes, setOutcomes] = useState<readonly SyncOutcomeView[] | null>(null);
  const [issue, setIssue] = useState<StationIssue | null>(null);
  useEffect(() => {
    void station.api.call('sync.outcomes', { limit: 100 }).then((answer) => {
      if (answer.ok) {
        setOutcomes(answer.value.outcomes);
        setIssue(null);
      } else setIssue(answer.errors[0] ?? null);
    });
  }, [station.api, lastPushAt]);
  const open = (personId: string) => {
    station.navigation.getState().go({ name: 'resident', id: personId });
  };
  return (
    <Card title={t('syncPanel.outcomesTitle')} data-testid="sync-outcomes">
      <Typography.Paragraph type="secondary">{t('syncPanel.outcomesHint')}</Typography.Paragraph>
      {issue === null ? null : (
        <Typography.Paragraph type="warning" data-testid="sync-outcomes-issue">
          {issue.message}
        </Typography.Paragraph>
      )}
      <Table<SyncOutcomeView>
        data-testid="outcome-list"
        size="small"
        pagination={false}
        loading={outcomes === null && issue === null}
        rowKey={(outcome) => `${outcome.kind}:${String(outcome.id)}`}
        dataSource={[...(outcomes ?? [])]}
        locale={{ emptyText: t('syncPanel.outcomesEmpty') }}
        columns={[
          { title: t('syncPanel.when'), key: 'at', width: 150, render: (_, o) => formatDateTime(o.at) },
          {
            title: t('syncPanel.collection'),
            key: 'collection',
            width: 140,
            render: (_, o) => props.label(o.collection),
          },
          {
            title: t('syncPanel.resident'),
            key: 'person',
            width: 220,
            render: (_, o) =>
              o.personId === undefined || o.personName === undefined ? (
                '—'
              ) : (
                <Button
                  type="link"
                  onClick={() => {
                    open(o.personId ?? '');
                  }}
                >
                  {o.personName}
                </Button>
              ),
          },
          { title: t('syncPanel.outcome'), key: 'outcome', render: (_, o) => <OutcomeText outcome={o} /> },
        ]}
      />
    </Card>
  );
}
