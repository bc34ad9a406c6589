import { Alert, Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useStore } from 'zustand';
import type { Issue } from '#shared/errors/issue.ts';
import { LocalizedAntApp } from '../../common/app/LocalizedAntApp.tsx';
import { ChangePasswordPage } from '../../common/session/ChangePasswordPage.tsx';
import { SignInPage } from '../../common/session/SignInPage.tsx';
import { ConsoleShell } from './ConsoleShell.tsx';
import { useConsole } from '../state/console-context.ts';
import { menuFor } from '../state/menu-access.ts';

const signInForm = z.object({ userName: z.string().trim().min(1), password: z.string().min(1) });
const passwordFields = z.object({ currentPassword: z.string().min(1), newPassword: z.string().min(1) });

/** The server's refusal, if any, as the issues the shared sign-in screens show. */
const issuesOf = (problem: Issue | undefined): readonly Issue[] => (problem === undefined ? [] : [problem]);

/** The admin console: sign-in, the forced password change, or the screens the account's role may use. */
export function App() {
  return (
    <LocalizedAntApp fontSize={14}>
      <Screens />
    </LocalizedAntApp>
  );
}

function Screens() {
  const { t } = useTranslation();
  const { session } = useConsole();
  const current = useStore(session, (s) => s.session);
  const login = useStore(session, (s) => s.login);
  const changePassword = useStore(session, (s) => s.changePassword);
  const logout = useStore(session, (s) => s.logout);
  switch (current.phase) {
    case 'restoring':
      return (
        <div className="hssk-centre">
          <Spin size="large" />
        </div>
      );
    case 'signed-out':
      return (
        <SignInPage
          title={t('admin.login.title')}
          intro={t('admin.login.intro')}
          schema={signInForm}
          signIn={async (userName, password) => issuesOf(await login(userName, password))}
          notice={
            current.notice === undefined ? null : (
              <Alert
                type="warning"
                showIcon
                message={t('admin.login.sessionEnded')}
                description={current.notice.message}
                className="hssk-form-alert"
              />
            )
          }
        />
      );
    case 'must-change-password':
      return (
        <ChangePasswordPage
          userName={current.account.userName}
          fields={passwordFields}
          change={async (currentPassword, newPassword) =>
            issuesOf(await changePassword(currentPassword, newPassword))
          }
          signOut={logout}
        />
      );
    case 'signed-in':
      if (menuFor(current.account.role).length === 0)
        return (
          <Result
            status="403"
            title={t('admin.noAccess.title')}
            subTitle={t('admin.noAccess.detail', { role: current.account.role })}
            extra={<Button onClick={() => void logout()}>{t('admin.nav.logout')}</Button>}
          />
        );
      return <ConsoleShell account={current.account} />;
  }
}
