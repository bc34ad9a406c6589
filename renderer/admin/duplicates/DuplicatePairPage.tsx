import { Alert, Button, Modal, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { formatDateTime } from '../../common/format/format-date.ts';
import type { AdminAnswer, AdminProblem } from '../api/admin-http.ts';
import type { MergeablePersonGroup } from '#shared/schemas/field-groups.ts';
import type { AccountView } from '#shared/server-api/accounts.ts';
import type { DuplicateDetail } from '#shared/server-api/duplicates.ts';
import { useConsole } from '../state/console-context.ts';
import { can } from '../state/menu-access.ts';
import { NoteDialog } from '../ui/NoteDialog.tsx';
import { ReviewEntry, ReviewEntryPending } from '../ui/ReviewEntry.tsx';
import { useAdminQuery } from '../ui/use-admin-query.ts';
import { DuplicateStateTag } from './DuplicateStateTag.tsx';
import { defaultPicks, defaultSurvivor, effectivePicks, takenGroups, takeOf } from './merge-plan.ts';
import { MergeConfirmation } from './MergeConfirmation.tsx';
import { OwnSidePair } from './OwnSidePair.tsx';
import { pairGroups } from './pair-rows.ts';
import { PairComparison } from './PairComparison.tsx';
import { PairRecordCards } from './PairRecordCards.tsx';
import { ReasonTags } from './ReasonTags.tsx';

type Dialog = 'merge' | 'not-duplicate' | 'undo';
/** What the last decision did, as said to the admin (and the unit that now manages both, after a merge). */
type Done = { readonly text: string; readonly unitId?: string };

/**
 * One potential duplicate pair, opened (the server audits the read of both records): the two records side by side.
 * While open, the admin chooses the record to keep and, group by group, whose values it keeps, then merges (after a
 * confirmation saying what will happen) or records with a note that they are two people. A city admin can undo a merge.
 */
export function DuplicatePairPage({ id, account }: { id: number; account: AccountView }) {
  const { t } = useTranslation();
  const { api, navigation, orgs } = useConsole();
  const go = useStore(navigation, (s) => s.go);
  const entry = useAdminQuery(`duplicate:${String(id)}`, () => api.call('duplicates.open', { id }));
  const [chosenSurvivor, setChosenSurvivor] = useState<string | undefined>(undefined);
  const [chosen, setChosen] = useState<Partial<Record<MergeablePersonGroup, string>>>({});
  const [problem, setProblem] = useState<AdminProblem | undefined>(undefined);
  const [done, setDone] = useState<Done | undefined>(undefined);
  const [dialog, setDialog] = useState<Dialog | undefined>(undefined);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  async function act<T>(run: () => Promise<AdminAnswer<T>>, said: (value: T) => Done) {
    setBusy(true);
    const answer = await run();
    setBusy(false);
    setDialog(undefined);
    if (!answer.ok) {
      setProblem(answer.problem);
      // Decided meanwhile (by another admin): show the pair as it now is, beside the server's explanation.
      if (answer.problem.status === 409) entry.reload();
      return;
    }
    const outcome = said(answer.value);
    setProblem(undefined);
    setChosen({});
    setChosenSurvivor(undefined);
    setNote('');
    setDone(outcome);
    entry.reload();
  }

  const backTo = (state: string) => () => {
    go(state === 'open' ? { name: 'duplicates' } : { name: 'duplicates', state: 'resolved' });
  };

  // After a merge the pair may have left this admin's scope (both records now managed elsewhere): say so.
  if (entry.state.status === 'failed' && done !== undefined && entry.state.problem.status === 404)
    return (
      <Result
        status="success"
        title={done.text}
        subTitle={t('admin.duplicates.outOfScope', { unit: orgs.name(done.unitId) })}
        extra={
          <Button
            onClick={() => {
              go({ name: 'duplicates' });
            }}
          >
            {t('admin.duplicates.backToList')}
          </Button>
        }
      />
    );
  if (entry.state.status !== 'ok') return <ReviewEntryPending onBack={backTo('open')} state={entry.state} />;
  const pair: DuplicateDetail = entry.state.value;
  const [first, second] = pair.persons;
  if (pair.access !== 'decide' || first === null || second === null)
    return <OwnSidePair pair={pair} onBack={backTo(pair.state)} />;
  const persons = [first, second] as const;
  const ids = [persons[0].id, persons[1].id] as const;
  const open = pair.state === 'open';
  const proposed = defaultSurvivor(persons[0], persons[1]);
  const survivorId = open ? (chosenSurvivor ?? proposed) : (pair.survivorId ?? undefined);
  const survivor = persons.find((person) => person.id === survivorId);
  const other = persons.find((person) => person.id !== survivorId);
  const picks = effectivePicks(
    defaultPicks(pairGroups(persons[0], persons[1]), ids, survivorId ?? proposed),
    chosen,
  );
  const take = takeOf(picks, survivorId ?? proposed);
  const undoable = pair.state === 'merged' && can(account.role, 'duplicate-undo');

  return (
    <ReviewEntry
      testId="duplicate-pair"
      onBack={backTo(pair.state)}
      title={t('admin.duplicates.pairTitle', { id: pair.id })}
      notices={
        done === undefined ? null : (
          <Alert type="success" showIcon message={done.text} data-testid="pair-done" />
        )
      }
      facts={[
        {
          key: 'reasons',
          label: t('admin.duplicates.columns.reasons'),
          value: <ReasonTags reasons={pair.reasons} />,
        },
        { key: 'found', label: t('admin.duplicates.columns.found'), value: formatDateTime(pair.createdAt) },
        {
          key: 'result',
          label: t('admin.duplicates.columns.result'),
          value: (
            <Space direction="vertical" size={0} data-testid="pair-state">
              <DuplicateStateTag state={pair.state} />
              {pair.state === 'merged' && survivor !== undefined && pair.resolvedAt !== null ? (
                <Typography.Text>
                  {t('admin.duplicates.resultMerged', {
                    name: survivor.fullName,
                    healthId: survivor.healthId,
                    when: formatDateTime(pair.resolvedAt),
                  })}
                </Typography.Text>
              ) : null}
              {pair.state === 'not-duplicate' && pair.resolvedAt !== null ? (
                <Typography.Text>
                  {t('admin.duplicates.resultNotDuplicate', { when: formatDateTime(pair.resolvedAt) })}
                </Typography.Text>
              ) : null}
              {pair.note === null ? null : (
                <Typography.Text>{t('admin.duplicates.resolvedNote', { note: pair.note })}</Typography.Text>
              )}
              {pair.resolvedBy === null ? null : (
                <Typography.Text type="secondary">
                  {t('admin.duplicates.resolvedBy', { account: pair.resolvedBy })}
                </Typography.Text>
              )}
            </Space>
          ),
        },
      ]}
      problem={problem}
      actions={
        open ? (
          <>
            <Button
              type="primary"
              loading={busy}
              onClick={() => {
                setDialog('merge');
              }}
            >
              {t('admin.duplicates.merge')}
            </Button>
            <Button
              onClick={() => {
                setDialog('not-duplicate');
              }}
            >
              {t('admin.duplicates.notDuplicate')}
            </Button>
          </>
        ) : undoable ? (
          <Button
            danger
            loading={busy}
            onClick={() => {
              setDialog('undo');
            }}
          >
            {t('admin.duplicates.undo')}
          </Button>
        ) : null
      }
      dialogs={
        <>
          <Modal
            open={dialog === 'merge'}
            title={t('admin.duplicates.mergeTitle')}
            okText={t('admin.duplicates.merge')}
            cancelText={t('admin.cancel')}
            okButtonProps={{ loading: busy }}
            onOk={() => {
              if (survivorId === undefined || survivor === undefined) return;
              void act(
                () => api.call('duplicates.merge', { id, survivorId, take }),
                (outcome) => ({
                  text: t('admin.duplicates.merged', { count: outcome.repointed }),
                  unitId: survivor.orgUnitId,
                }),
              );
            }}
            onCancel={() => {
              setDialog(undefined);
            }}
          >
            {survivor === undefined || other === undefined ? null : (
              <MergeConfirmation survivor={survivor} other={other} taken={takenGroups(take)} />
            )}
          </Modal>
          <NoteDialog
            open={dialog === 'not-duplicate'}
            title={t('admin.duplicates.notDuplicateTitle')}
            okText={t('admin.duplicates.notDuplicate')}
            prompt={t('admin.duplicates.note')}
            rule={t('admin.duplicates.noteRule')}
            inputId="not-duplicate-note"
            note={note}
            busy={busy}
            onNoteChange={setNote}
            onOk={() => {
              void act(
                () => api.call('duplicates.notDuplicate', { id, note: note.trim() }),
                () => ({ text: t('admin.duplicates.dismissed') }),
              );
            }}
            onCancel={() => {
              setDialog(undefined);
            }}
          />
          <Modal
            open={dialog === 'undo'}
            title={t('admin.duplicates.undoTitle')}
            okText={t('admin.duplicates.undo')}
            cancelText={t('admin.cancel')}
            okButtonProps={{ danger: true, loading: busy }}
            onOk={() => {
              void act(
                () => api.call('duplicates.undo', { id }),
                (outcome) => ({ text: t('admin.duplicates.undone', { count: outcome.repointed }) }),
              );
            }}
            onCancel={() => {
              setDialog(undefined);
            }}
          >
            <Typography.Paragraph>{t('admin.duplicates.undoExplain')}</Typography.Paragraph>
          </Modal>
        </>
      }
    >
      {open ? (
        <Space direction="vertical" className="hssk-page">
          <Typography.Title level={4}>{t('admin.duplicates.survivorTitle')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('admin.duplicates.survivorHint')}</Typography.Paragraph>
        </Space>
      ) : null}
      <PairRecordCards
        persons={persons}
        survivorId={survivorId}
        proposedId={open ? proposed : undefined}
        onChoose={open ? setChosenSurvivor : undefined}
      />
      <Space direction="vertical" className="hssk-page">
        <Typography.Title level={4}>{t('admin.duplicates.compareTitle')}</Typography.Title>
        {open ? (
          <Typography.Paragraph type="secondary">{t('admin.duplicates.compareHint')}</Typography.Paragraph>
        ) : null}
        <PairComparison
          persons={persons}
          survivorId={survivorId}
          picks={open ? picks : undefined}
          onPick={
            open
              ? (group, personId) => {
                  setChosen((previous) => ({ ...previous, [group]: personId }));
                }
              : undefined
          }
        />
      </Space>
    </ReviewEntry>
  );
}
