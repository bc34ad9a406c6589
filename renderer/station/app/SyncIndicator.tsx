import { SyncOutlined } from '@ant-design/icons';
import { Badge, Button, Space, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { formatDateTime } from '../../common/format/format-date.ts';
import { syncHeadline, type SyncHeadline } from '../state/sync-headline.ts';
import { isWorking } from '../state/session-store.ts';
import { useStation } from '../state/station-context.ts';

/** The header's sync state: always visible, never claiming more than the core says. */
export function SyncIndicator() {
  const { t } = useTranslation();
  const station = useStation();
  const connection = useStore(station.connection, (s) => s.connection);
  const session = useStore(station.session, (s) => s.view);
  const status = useStore(station.sync, (s) => s.status);
  const syncingNow = useStore(station.sync, (s) => s.syncingNow);
  const syncNow = useStore(station.sync, (s) => s.syncNow);
  const headline = syncHeadline(connection, session, status);
  const last =
    headline.lastSyncedAt === null
      ? t('sync.neverSynced')
      : t('sync.lastSynced', { when: formatDateTime(headline.lastSyncedAt) });
  return (
    <Space size="middle" className="hssk-sync" data-testid="sync-state" data-sync-kind={headline.kind}>
      <Tooltip title={headline.problem}>
        <Badge
          status={headline.tone}
          text={<span className="hssk-sync-label">{labelOf(headline, t)}</span>}
        />
      </Tooltip>
      <Typography.Text type="secondary" className="hssk-sync-last">
        {last}
      </Typography.Text>
      {headline.problemCount > 0 && headline.kind !== 'needs-attention' ? (
        <Tooltip title={headline.problem}>
          <Typography.Text type="warning">
            {t('sync.recentProblems', { count: headline.problemCount })}
          </Typography.Text>
        </Tooltip>
      ) : null}
      <Button
        size="small"
        icon={<SyncOutlined spin={syncingNow} />}
        disabled={!isWorking(session) || connection.kind !== 'ready' || syncingNow}
        onClick={() => void syncNow()}
      >
        {t('sync.syncNow')}
      </Button>
    </Space>
  );
}

function labelOf(headline: SyncHeadline, t: TFunction): string {
  const count = headline.pendingChanges;
  switch (headline.kind) {
    case 'connecting':
      return t('connection.connecting');
    case 'connection-lost':
      return t('connection.lost');
    case 'connection-refused':
      return t('connection.refused');
    case 'unknown':
      return t('sync.unknown');
    case 'not-signed-in-online':
      return t('sync.notSignedInOnline');
    case 'synced':
      return t('sync.synced');
    case 'syncing':
      return t('sync.syncing');
    case 'pending':
      return t('sync.pending', { count });
    case 'offline':
      return count > 0 ? t('sync.offlinePending', { count }) : t('sync.offline');
    case 'needs-attention':
      return `${t('sync.needsAttention')}: ${headline.problem ?? ''}`;
  }
}
