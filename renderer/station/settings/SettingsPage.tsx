import { Alert, Button, Card, Descriptions, Form, Input, Space, Switch, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupStatusView, StationInfoView, StationIssue } from '#shared/station-api/station-api.ts';
import { formatDateTime } from '../../common/format/format-date.ts';
import { ageOf, formatBytes } from '../../common/format/format-size.ts';
import { useStation } from '../state/station-context.ts';
import { RestoreCard } from './RestoreCard.tsx';

/** The daily backup time offered before a folder is chosen (the core's default too). */
const DEFAULT_DAILY_AT = '12:00';

/**
 * Settings: this station as the core describes it, and backups (Art. 19.3): the folder (a USB disk or a network
 * share) and the daily time, "back up now", the last backup with its time, age and size, and the last failure.
 * Restoring from a backup of this computer is asked for here and applied at the station program's next start.
 */
export function SettingsPage() {
  const { t } = useTranslation();
  const station = useStation();
  const [info, setInfo] = useState<StationInfoView | null>(null);
  const [backup, setBackup] = useState<BackupStatusView | null>(null);
  const [folder, setFolder] = useState('');
  const [daily, setDaily] = useState<Dayjs | null>(null);
  const [issues, setIssues] = useState<readonly StationIssue[]>([]);
  const [busy, setBusy] = useState<'save' | 'now' | null>(null);
  const show = useCallback((status: BackupStatusView) => {
    setBackup(status);
    // A folder typed for one "back up now" but not saved as the setting stays in the field. Until a folder is
    // chosen the daily backup shows as on at 12:00, as the core will start it with the first folder.
    if (status.folder !== null) setFolder(status.folder);
    setDaily(
      status.folder === null
        ? dayjs(DEFAULT_DAILY_AT, 'HH:mm')
        : status.dailyAt === null
          ? null
          : dayjs(status.dailyAt, 'HH:mm'),
    );
  }, []);
  useEffect(() => {
    void station.api.call('station.info', {}).then((answer) => {
      if (answer.ok) setInfo(answer.value);
    });
    void station.api.call('backup.status', {}).then((answer) => {
      if (answer.ok) show(answer.value);
      else setIssues(answer.errors);
    });
  }, [station.api, show]);

  async function save() {
    setBusy('save');
    const answer = await station.api.call('backup.configure', {
      folder: folder.trim(),
      dailyAt: daily === null ? null : daily.format('HH:mm'),
    });
    setBusy(null);
    if (answer.ok) {
      setIssues([]);
      show(answer.value);
    } else setIssues(answer.errors);
  }
  async function backUpNow() {
    setBusy('now');
    const answer = await station.api.call(
      'backup.now',
      folder.trim() === '' ? {} : { folder: folder.trim() },
    );
    setBusy(null);
    if (answer.ok) {
      setIssues([]);
      show(answer.value);
    } else setIssues(answer.errors);
  }
  const last = backup?.lastBackup ?? null;
  const age = backup?.lastBackupAgeMs ?? null;
  return (
    <Space direction="vertical" size="large" className="hssk-page" data-testid="settings">
      <Typography.Title level={2}>{t('settings.title')}</Typography.Title>
      <Card title={t('settings.stationTitle')}>
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'unit', label: t('settings.unit'), children: info?.unitName ?? '—' },
            { key: 'facility', label: t('settings.facilityCode'), children: info?.facilityCode ?? '—' },
            { key: 'device', label: t('settings.deviceId'), children: info?.deviceId ?? '—' },
            { key: 'version', label: t('settings.appVersion'), children: info?.appVersion ?? '—' },
            {
              key: 'server',
              label: t('settings.server'),
              children: info?.serverUrl ?? t('settings.serverNotShown'),
            },
          ]}
        />
      </Card>
      <Card title={t('settings.backupTitle')}>
        <Form layout="vertical" component={false}>
          <Form.Item label={t('settings.folder')} extra={t('settings.folderHint')}>
            <Space.Compact className="hssk-folder-field">
              <Input
                id="backup-folder"
                value={folder}
                maxLength={1024}
                placeholder="E:\SaoLuu"
                onChange={(event) => {
                  setFolder(event.target.value);
                }}
              />
              {station.pickFolder === undefined ? null : (
                <Button
                  onClick={() => {
                    void station.pickFolder?.(t('settings.pickFolderTitle')).then((chosen) => {
                      if (chosen !== null) setFolder(chosen);
                    });
                  }}
                >
                  {t('settings.pickFolder')}
                </Button>
              )}
            </Space.Compact>
          </Form.Item>
          <Form.Item label={t('settings.daily')}>
            <Space>
              <Switch
                id="backup-daily"
                checked={daily !== null}
                onChange={(on) => {
                  setDaily(on ? dayjs('12:00', 'HH:mm') : null);
                }}
              />
              <TimePicker
                id="backup-daily-at"
                format="HH:mm"
                placeholder={t('settings.timePlaceholder')}
                minuteStep={5}
                disabled={daily === null}
                value={daily}
                onChange={(value: Dayjs | null) => {
                  setDaily(value);
                }}
              />
            </Space>
          </Form.Item>
          <Space>
            <Button onClick={() => void save()} loading={busy === 'save'} disabled={folder.trim() === ''}>
              {t('settings.save')}
            </Button>
            <Button
              type="primary"
              onClick={() => void backUpNow()}
              loading={busy === 'now' || backup?.running === true}
              disabled={folder.trim() === '' && backup?.folder == null}
            >
              {t('settings.backUpNow')}
            </Button>
          </Space>
        </Form>
        {issues.map((issue, index) => (
          <Alert
            key={index}
            type="error"
            showIcon
            role="alert"
            message={issue.message}
            className="hssk-hint"
          />
        ))}
        {backup?.folder == null ? null : (
          <Typography.Paragraph type="secondary" className="hssk-hint" data-testid="daily-backup">
            {backup.dailyAt === null
              ? t('settings.dailyOff')
              : t('settings.dailyOn', { time: backup.dailyAt })}
          </Typography.Paragraph>
        )}
        <div className="hssk-hint" data-testid="last-backup">
          {last === null ? (
            <Alert type="warning" showIcon message={t('settings.noBackupYet')} />
          ) : (
            <Alert
              type={age !== null && age > 2 * 86_400_000 ? 'warning' : 'success'}
              showIcon
              message={t('settings.lastBackup', {
                when: formatDateTime(last.at),
                age: age === null ? '' : t(`time.${ageOf(age).unit}`, { count: ageOf(age).count }),
                size: formatBytes(last.bytes),
              })}
              description={last.directory}
            />
          )}
          {backup?.lastFailure == null ? null : (
            <Alert
              type="error"
              showIcon
              className="hssk-hint"
              data-testid="backup-failure"
              message={t('settings.lastFailure', { when: formatDateTime(backup.lastFailure.at) })}
              description={backup.lastFailure.message}
            />
          )}
        </div>
      </Card>
      <RestoreCard backup={backup} onStatus={show} />
    </Space>
  );
}
