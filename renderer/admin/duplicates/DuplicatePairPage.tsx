import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Input, Modal, Result, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { formatDateTime } from '../../common/format/format-date.ts';
import type { AdminAnswer, AdminProblem } from '../api/admin-http.ts';
import type { AccountView, DuplicateDetail, MergeableGroup } from '../api/admin-wire.ts';
import { useConsole } from '../app/console-context.ts';
import { can } from '../app/menu-access.ts';
import { duplicateStateLabel } from '../ui/labels.ts';
import { ProblemNotice } from '../ui/ProblemNotice.tsx';
import { useAdminQuery } from '../ui/use-admin-query.ts';
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
  const entry = useAdminQuery(`duplicate:${String(id)}`, () => api.call('duplicate-open', { id }));
  const [chosenSurvivor, setChosenSurvivor] = useState<string | undefined>(undefined);
  const [chosen, setChosen] = useState<Partial<Record<MergeableGroup, string>>>({});
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

  const listRoute = (state: string) =>
    state === 'open'
      ? ({ name: 'duplicates' } as const)
      : ({ name: 'duplicates', state: 'resolved' } as const);
  const backTo = (state: string) => (
    <Button
      type="link"
      icon={<ArrowLeftOutlined />}
      className="hssk-crumb"
      onClick={() => {
        go(listRoute(state));
      }}
    >
      {t('admin.back')}
    </Button>
  );

  if (entry.state.status === 'failed') {
    // After a merge the pair may have left this admin's scope (both records now managed elsewhere): say so.
    if (done !== undefined && entry.state.problem.status === 404)
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
    return (
      <Space direction="vertical" className="hssk-page">
        {backTo('open')}
        <ProblemNotice problem={entry.state.problem} />
      </Space>
    );
  }
  if (entry.state.status === 'loading') return backTo('open');
  const pair: DuplicateDetail = entry.state.value;
  const [first, second] = pair.persons;
  if (pair.access !== 'decide' || first === null || second === null)
    return <OwnSidePair pair={pair} back={backTo(pair.state)} />;
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
  const noteOk = note.trim().length >= 3;

  return (
    <Space direction="vertical" size="large" className="hssk-page" data-testid="duplicate-pair">
      {backTo(pair.state)}
      <Typography.Title level={2}>{t('admin.duplicates.pairTitle', { id: pair.id })}</Typography.Title>
      {done === undefined ? null : (
        <Alert type="success" showIcon message={done.text} data-testid="pair-done" />
      )}
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('admin.duplicates.columns.reasons')}>
          <ReasonTags reasons={pair.reasons} />
        </Descriptions.Item>
        <Descriptions.Item label={t('admin.duplicates.columns.found')}>
          {formatDateTime(pair.createdAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('admin.duplicates.columns.result')}>
          <Space direction="vertical" size={0} data-testid="pair-state">
            <Tag color={pair.state === 'merged' ? 'green' : pair.state === 'open' ? 'gold' : 'default'}>
              {duplicateStateLabel(pair.state, t)}
            </Tag>
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
        </Descriptions.Item>
      </Descriptions>

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

      {problem === undefined ? null : <ProblemNotice problem={problem} />}
      {open ? (
        <Space>
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
        </Space>
      ) : null}
      {pair.state === 'merged' && can(account.role, 'duplicate-undo') ? (
        <Button
          danger
          loading={busy}
          onClick={() => {
            setDialog('undo');
          }}
        >
          {t('admin.duplicates.undo')}
        </Button>
      ) : null}

      <Modal
        open={dialog === 'merge'}
        title={t('admin.duplicates.mergeTitle')}
        okText={t('admin.duplicates.merge')}
        cancelText={t('admin.cancel')}
        okButtonProps={{ loading: busy }}
        onOk={() => {
          if (survivorId === undefined || survivor === undefined) return;
          void act(
            () => api.call('duplicate-merge', { id, survivorId, take }),
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
      <Modal
        open={dialog === 'not-duplicate'}
        title={t('admin.duplicates.notDuplicateTitle')}
        okText={t('admin.duplicates.notDuplicate')}
        cancelText={t('admin.cancel')}
        okButtonProps={{ disabled: !noteOk, loading: busy }}
        onOk={() => {
          void act(
            () => api.call('duplicate-not-duplicate', { id, note: note.trim() }),
            () => ({ text: t('admin.duplicates.dismissed') }),
          );
        }}
        onCancel={() => {
          setDialog(undefined);
        }}
      >
        <Typography.Paragraph>{t('admin.duplicates.note')}</Typography.Paragraph>
        <Input.TextArea
          id="not-duplicate-note"
          rows={4}
          maxLength={1000}
          value={note}
          status={note === '' || noteOk ? '' : 'error'}
          onChange={(event) => {
            setNote(event.target.value);
          }}
        />
        {note === '' || noteOk ? null : (
          <Typography.Text type="danger">{t('admin.duplicates.noteRule')}</Typography.Text>
        )}
      </Modal>
      <Modal
        open={dialog === 'undo'}
        title={t('admin.duplicates.undoTitle')}
        okText={t('admin.duplicates.undo')}
        cancelText={t('admin.cancel')}
        okButtonProps={{ danger: true, loading: busy }}
        onOk={() => {
          void act(
            () => api.call('duplicate-undo', { id }),
            (outcome) => ({ text: t('admin.duplicates.undone', { count: outcome.repointed }) }),
          );
        }}
        onCancel={() => {
          setDialog(undefined);
        }}
      >
        <Typography.Paragraph>{t('admin.duplicates.undoExplain')}</Typography.Paragraph>
      </Modal>
    </Space>
  );
}
