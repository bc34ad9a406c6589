import { Alert, Button, Card, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupStatusView, StationIssue } from '#shared/station-api/station-api.ts';
import { formatDateTime } from '../../common/format/format-date.ts';
import { useStation } from '../state/station-context.ts';

/**
 * Restore (Art. 19.3) from a backup of this computer: the folder of one backup (default the last one), checked by
 * the core at once (`backup.restore`: complete, undamaged, this device's) and applied when the station program next
 * starts, after a confirmation that says what happens to changes made since. A pending restore is shown as such.
 */
export function RestoreCard(props: {
  backup: BackupStatusView | null;
  onStatus: (status: BackupStatusView) => void;
}) {
  const { t } = useTranslation();
  const station = useStation();
  const [folder, setFolder] = useState('');
  const [issue, setIssue] = useState<StationIssue | null>(null);
  const [busy, setBusy] = useState(false);
  const lastDirectory = props.backup?.lastBackup?.directory ?? '';
  useEffect(() => {
    if (lastDirectory !== '') setFolder((typed) => (typed === '' ? lastDirectory : typed));
  }, [lastDirectory]);
  const pending = props.backup?.pendingRestore ?? null;

  async function request() {
    setBusy(true);
    const answer = await station.api.call('backup.restore', { folder: folder.trim(), confirmed: true });
    setBusy(false);
    if (answer.ok) {
      setIssue(null);
      props.onStatus(answer.value);
    } else setIssue(answer.errors[0] ?? null);
  }

  return (
    <Card title={t('settings.restoreTitle')} data-testid="restore">
      <Typography.Paragraph>{t('settings.restoreExplain')}</Typography.Paragraph>
      <Form layout="vertical" component={false}>
        <Form.Item label={t('settings.restoreFolder')}>
          <Space.Compact className="hssk-folder-field">
            <Input
              id="restore-folder"
              value={folder}
              maxLength={1024}
              onChange={(event) => {
                setFolder(event.target.value);
              }}
            />
            {station.pickFolder === undefined ? null : (
              <Button
                onClick={() => {
                  void station.pickFolder?.(t('settings.pickBackupTitle')).then((chosen) => {
                    if (chosen !== null) setFolder(chosen);
                  });
                }}
              >
                {t('settings.pickFolder')}
              </Button>
            )}
          </Space.Compact>
        </Form.Item>
        <Popconfirm
          title={t('settings.restoreConfirm')}
          okText={t('settings.restoreOk')}
          okButtonProps={{ danger: true }}
          cancelText={t('record.cancel')}
          onConfirm={() => void request()}
        >
          <Button danger loading={busy} disabled={folder.trim() === ''} data-testid="restore-request">
            {t('settings.restoreRequest')}
          </Button>
        </Popconfirm>
      </Form>
      {issue === null ? null : (
        <Alert type="error" showIcon role="alert" message={issue.message} className="hssk-hint" />
      )}
      {pending === null ? null : (
        <Alert
          type="info"
          showIcon
          className="hssk-hint"
          data-testid="restore-pending"
          message={t('settings.restorePending', {
            when: formatDateTime(pending.backupCreatedAt),
            by: pending.requestedBy,
          })}
          description={pending.backupDir}
        />
      )}
      <Typography.Paragraph type="secondary" className="hssk-hint">
        {t('settings.restoreByIt')}
      </Typography.Paragraph>
    </Card>
  );
}
