import { App, Button, Modal, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArgsOf } from '../api/admin-api.ts';
import type { AccountView } from '#shared/server-api/accounts.ts';
import { useConsole } from '../state/console-context.ts';
import { can } from '../state/menu-access.ts';
import { OneTimeSecret } from '../ui/OneTimeSecret.tsx';

type Transition = 'accounts.lock' | 'accounts.unlock' | 'accounts.close';

/**
 * What an admin may do to one account, each behind a confirmation: lock, unlock, reset the password (the temporary
 * password is shown once) and close. Nothing is offered on the admin's own account or on a closed one.
 */
export function AccountActions(props: { account: AccountView; actor: AccountView; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { api } = useConsole();
  const [busy, setBusy] = useState(false);
  const [temporary, setTemporary] = useState<{ userName: string; password: string } | undefined>(undefined);
  const { account, actor } = props;
  if (account.id === actor.id || account.status === 'closed') return null;
  const name = account.displayName;

  async function transition(command: Transition) {
    setBusy(true);
    const args: ArgsOf<Transition> = { accountId: account.id };
    const answer = await api.call(command, args);
    setBusy(false);
    if (!answer.ok) {
      void message.error(answer.problem.message);
      return;
    }
    void message.success(t('admin.accounts.done', { name }));
    props.onChanged();
  }

  async function resetPassword() {
    setBusy(true);
    const answer = await api.call('accounts.resetPassword', { accountId: account.id });
    setBusy(false);
    if (!answer.ok) {
      void message.error(answer.problem.message);
      return;
    }
    setTemporary({ userName: answer.value.account.userName, password: answer.value.temporaryPassword });
    props.onChanged();
  }

  const confirm = (
    title: string,
    description: string,
    run: () => Promise<void>,
    label: string,
    danger = false,
  ) => (
    <Popconfirm
      title={title}
      description={description}
      okText={t('admin.confirm')}
      cancelText={t('admin.cancel')}
      okButtonProps={{ danger }}
      onConfirm={() => void run()}
    >
      <Button size="small" danger={danger} loading={busy}>
        {label}
      </Button>
    </Popconfirm>
  );
  const role = actor.role;
  return (
    <Space size="small" wrap>
      {account.status === 'active' && can(role, 'account-lock')
        ? confirm(
            t('admin.accounts.lock'),
            t('admin.accounts.lockConfirm', { name }),
            () => transition('accounts.lock'),
            t('admin.accounts.lock'),
          )
        : null}
      {account.status === 'locked' && can(role, 'account-unlock')
        ? confirm(
            t('admin.accounts.unlock'),
            t('admin.accounts.unlockConfirm', { name }),
            () => transition('accounts.unlock'),
            t('admin.accounts.unlock'),
          )
        : null}
      {can(role, 'account-reset-password')
        ? confirm(
            t('admin.accounts.reset'),
            t('admin.accounts.resetConfirm', { name }),
            resetPassword,
            t('admin.accounts.reset'),
          )
        : null}
      {can(role, 'account-close')
        ? confirm(
            t('admin.accounts.closeAccount'),
            t('admin.accounts.closeConfirm', { name }),
            () => transition('accounts.close'),
            t('admin.accounts.closeAccount'),
            true,
          )
        : null}
      <Modal
        open={temporary !== undefined}
        title={t('admin.accounts.resetTitle')}
        onCancel={() => {
          setTemporary(undefined);
        }}
        footer={
          <Button
            type="primary"
            onClick={() => {
              setTemporary(undefined);
            }}
          >
            {t('admin.accounts.close')}
          </Button>
        }
      >
        {temporary === undefined ? null : (
          <OneTimeSecret
            warning={t('admin.accounts.shownOnce')}
            items={[
              { label: t('admin.accounts.userName'), value: temporary.userName, testId: 'reset-user-name' },
              {
                label: t('admin.accounts.temporaryPassword'),
                value: temporary.password,
                testId: 'reset-password',
              },
            ]}
          />
        )}
      </Modal>
    </Space>
  );
}
