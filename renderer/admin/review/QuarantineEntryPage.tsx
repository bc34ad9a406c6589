import { Alert, App, Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { formatDateTime } from '../../common/format/format-date.ts';
import type { AdminProblem } from '../api/admin-http.ts';
import { useConsole } from '../state/console-context.ts';
import { collectionLabel } from '../ui/labels.ts';
import { NoteDialog } from '../ui/NoteDialog.tsx';
import { ReviewEntry, ReviewEntryPending } from '../ui/ReviewEntry.tsx';
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
  const entry = useAdminQuery(`quarantine:${String(id)}`, () => api.call('quarantine.open', { id }));
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

  const back = () => {
    go({ name: 'quarantine' });
  };
  if (entry.state.status !== 'ok') return <ReviewEntryPending onBack={back} state={entry.state} />;
  const value = entry.state.value;
  const open = value.resolvedAt === null;
  return (
    <ReviewEntry
      testId="quarantine-entry"
      onBack={back}
      title={t('admin.review.quarantineTitle', { id: value.id })}
      facts={[
        { key: 'reason', label: t('admin.review.columns.reason'), value: value.reasonMessage },
        { key: 'when', label: t('admin.review.columns.when'), value: formatDateTime(value.createdAt) },
        {
          key: 'collection',
          label: t('admin.review.columns.collection'),
          value: collectionLabel(value.collection, t),
        },
        { key: 'document', label: t('admin.review.columns.document'), value: value.documentId },
        { key: 'unit', label: t('admin.review.columns.unit'), value: orgs.name(value.orgUnitId) },
        { key: 'device', label: t('admin.review.columns.device'), value: value.deviceId ?? t('admin.none') },
        ...(open
          ? []
          : [
              {
                key: 'resolution',
                label: t('admin.review.columns.resolution'),
                value: <QuarantineResolution entry={value} />,
              },
            ]),
      ]}
      problem={problem}
      actions={
        open ? (
          <>
            <Popconfirm
              title={t('admin.review.reapply')}
              description={t('admin.review.reapplyConfirm')}
              okText={t('admin.confirm')}
              cancelText={t('admin.cancel')}
              onConfirm={() => void act(() => api.call('quarantine.reapply', { id }))}
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
          </>
        ) : null
      }
      dialogs={
        <NoteDialog
          open={dismissing}
          title={t('admin.review.dismissTitle')}
          okText={t('admin.review.dismiss')}
          prompt={t('admin.review.note')}
          rule={t('admin.review.noteRule')}
          inputId="dismiss-note"
          note={note}
          busy={busy}
          onNoteChange={setNote}
          onOk={() => void act(() => api.call('quarantine.dismiss', { id, note: note.trim() }))}
          onCancel={() => {
            setDismissing(false);
          }}
        />
      }
    >
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
    </ReviewEntry>
  );
}
