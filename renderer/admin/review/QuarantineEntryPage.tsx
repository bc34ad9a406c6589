import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Input, Modal, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { formatDateTime } from '../../common/format/format-date.ts';
import type { AdminProblem } from '../api/admin-http.ts';
import { useConsole } from '../app/console-context.ts';
import { collectionLabel } from '../ui/labels.ts';
import { ProblemNotice } from '../ui/ProblemNotice.tsx';
import { useAdminQuery } from '../ui/use-admin-query.ts';
import { QuarantineResolution } from './QuarantineResolution.tsx';
import { VersionsTable } from './VersionsTable.tsx';

/**
 * One refused write, opened (the server audits the read): the write as the station sent it beside the current
 * record, and while it is open, re-apply it (merged like any push) or dismiss it with a note.
 */
export function QuarantineEntryPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { api, navigation, orgs } = useConsole();
  const go = useStore(navigation, (s) => s.go);
  const entry = useAdminQuery(`quarantine:${String(id)}`, () => api.call('quarantine-open', { id }));
  const [problem, setProblem] = useState<AdminProblem | undefined>(undefined);
  const [dismissing, setDismissing] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  async function act(run: () => Promise<{ ok: boolean; problem?: AdminProblem }>) {
    setBusy(true);
    const answer = await run();
    setBusy(false);
    if (!answer.ok) {
      setProblem(answer.problem);
      return;
    }
    setProblem(undefined);
    setDismissing(false);
    void message.success(t('admin.review.done'));
    entry.reload();
  }

  const back = (
    <Button
      type="link"
      icon={<ArrowLeftOutlined />}
      className="hssk-crumb"
      onClick={() => {
        go({ name: 'quarantine' });
      }}
    >
      {t('admin.back')}
    </Button>
  );
  if (entry.state.status === 'failed')
    return (
      <Space direction="vertical" className="hssk-page">
        {back}
        <ProblemNotice problem={entry.state.problem} />
      </Space>
    );
  if (entry.state.status === 'loading') return back;
  const value = entry.state.value;
  const open = value.resolvedAt === null;
  const noteOk = note.trim().length >= 3;
  return (
    <Space direction="vertical" size="large" className="hssk-page" data-testid="quarantine-entry">
      {back}
      <Typography.Title level={2}>{t('admin.review.quarantineTitle', { id: value.id })}</Typography.Title>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('admin.review.columns.reason')}>{value.reasonMessage}</Descriptions.Item>
        <Descriptions.Item label={t('admin.review.columns.when')}>
          {formatDateTime(value.createdAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('admin.review.columns.collection')}>
          {collectionLabel(value.collection, t)}
        </Descriptions.Item>
        <Descriptions.Item label={t('admin.review.columns.document')}>{value.documentId}</Descriptions.Item>
        <Descriptions.Item label={t('admin.review.columns.unit')}>
          {orgs.name(value.orgUnitId)}
        </Descriptions.Item>
        <Descriptions.Item label={t('admin.review.columns.device')}>
          {value.deviceId ?? t('admin.none')}
        </Descriptions.Item>
        {open ? null : (
          <Descriptions.Item label={t('admin.review.columns.resolution')}>
            <QuarantineResolution entry={value} />
          </Descriptions.Item>
        )}
      </Descriptions>
      {value.current === null ? <Alert type="info" showIcon message={t('admin.review.noCurrent')} /> : null}
      {value.current?.deleted === true ? (
        <Alert type="warning" showIcon message={t('admin.review.currentDeleted')} />
      ) : null}
      <VersionsTable
        data-testid="quarantine-versions"
        versions={[
          { label: t('admin.review.write'), document: value.write.newDocumentState },
          {
            label: t('admin.review.current'),
            // The server keeps deletion beside the document; the station's write carries it as `_deleted`.
            document:
              value.current === null
                ? null
                : { ...(value.current.document as object), _deleted: value.current.deleted },
          },
        ]}
      />
      {problem === undefined ? null : <ProblemNotice problem={problem} />}
      {open ? (
        <Space>
          <Popconfirm
            title={t('admin.review.reapply')}
            description={t('admin.review.reapplyConfirm')}
            okText={t('admin.confirm')}
            cancelText={t('admin.cancel')}
            onConfirm={() => void act(() => api.call('quarantine-reapply', { id }))}
          >
            <Button type="primary" loading={busy}>
              {t('admin.review.reapply')}
            </Button>
          </Popconfirm>
          <Button
            onClick={() => {
              setDismissing(true);
            }}
          >
            {t('admin.review.dismiss')}
          </Button>
        </Space>
      ) : null}
      <Modal
        open={dismissing}
        title={t('admin.review.dismissTitle')}
        okText={t('admin.review.dismiss')}
        cancelText={t('admin.cancel')}
        okButtonProps={{ disabled: !noteOk, loading: busy }}
        onOk={() => void act(() => api.call('quarantine-dismiss', { id, note: note.trim() }))}
        onCancel={() => {
          setDismissing(false);
        }}
      >
        <Typography.Paragraph>{t('admin.review.note')}</Typography.Paragraph>
        <Input.TextArea
          id="dismiss-note"
          rows={4}
          maxLength={1000}
          value={note}
          status={note === '' || noteOk ? '' : 'error'}
          onChange={(event) => {
            setNote(event.target.value);
          }}
        />
        {note === '' || noteOk ? null : (
          <Typography.Text type="danger">{t('admin.review.noteRule')}</Typography.Text>
        )}
      </Modal>
    </Space>
  );
}
