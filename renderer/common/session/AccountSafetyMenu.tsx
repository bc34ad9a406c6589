import { Alert, App, Button, Checkbox, Dropdown, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** What each app does for Art. 23: the station through its core, the console through the server. */
export type AccountSafetyActions = {
  /** Locks the signed-in person's own account; answers the message to show when it could not. */
  lockOwnAccount(): Promise<string | null>;
  /** Sends a report of misuse, locking the account too when asked; answers the message when it could not. */
  reportMisuse(description: string, lockAccount: boolean): Promise<string | null>;
};

const MIN_REPORT = 10;

/**
 * Art. 23 for whoever is signed in, in both apps' headers: report misuse of their account or of records in their name
 * (optionally locking the account at once) and lock their own account. Each asks first and says what follows: the
 * account locks everywhere, every session ends, and only an admin of their unit can unlock it.
 */
export function AccountSafetyMenu({ actions }: { actions: AccountSafetyActions }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState<'report' | 'lock' | null>(null);
  const [description, setDescription] = useState('');
  const [lockToo, setLockToo] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setOpen(null);
    setProblem(null);
    setDescription('');
    setLockToo(false);
  };
  async function run(act: () => Promise<string | null>, done: string) {
    setBusy(true);
    const failed = await act();
    setBusy(false);
    if (failed !== null) {
      setProblem(failed);
      return;
    }
    close();
    void message.success(done);
  }
  const short = description.trim().length < MIN_REPORT;
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'report', label: t('accountSafety.report') },
            { key: 'lock', label: t('accountSafety.lock'), danger: true },
          ],
          onClick: ({ key }) => {
            setOpen(key as 'report' | 'lock');
          },
        }}
      >
        <Button size="small" data-testid="account-safety">
          {t('accountSafety.menu')}
        </Button>
      </Dropdown>
      <Modal
        open={open === 'report'}
        title={t('accountSafety.reportTitle')}
        okText={t('accountSafety.reportOk')}
        cancelText={t('accountSafety.cancel')}
        okButtonProps={{ disabled: short, danger: lockToo }}
        confirmLoading={busy}
        onCancel={close}
        onOk={() =>
          void run(
            () => actions.reportMisuse(description.trim(), lockToo),
            lockToo ? t('accountSafety.reportedAndLocked') : t('accountSafety.reported'),
          )
        }
        destroyOnHidden
      >
        <Typography.Paragraph>{t('accountSafety.reportExplain')}</Typography.Paragraph>
        <Input.TextArea
          id="misuse-description"
          rows={4}
          maxLength={1000}
          showCount
          value={description}
          onChange={(event) => {
            setDescription(event.target.value);
          }}
        />
        <Checkbox
          id="misuse-lock"
          className="hssk-hint"
          checked={lockToo}
          onChange={(event) => {
            setLockToo(event.target.checked);
          }}
        >
          {t('accountSafety.lockToo')}
        </Checkbox>
        {problem === null ? null : (
          <Alert className="hssk-hint" type="error" showIcon role="alert" message={problem} />
        )}
      </Modal>
      <Modal
        open={open === 'lock'}
        title={t('accountSafety.lockTitle')}
        okText={t('accountSafety.lockOk')}
        cancelText={t('accountSafety.cancel')}
        okButtonProps={{ danger: true }}
        confirmLoading={busy}
        onCancel={close}
        onOk={() => void run(() => actions.lockOwnAccount(), t('accountSafety.locked'))}
        destroyOnHidden
      >
        <Typography.Paragraph data-testid="lock-explain">
          {t('accountSafety.lockExplain')}
        </Typography.Paragraph>
        {problem === null ? null : <Alert type="error" showIcon role="alert" message={problem} />}
      </Modal>
    </>
  );
}
