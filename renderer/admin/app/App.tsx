import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { LocalizedAntApp } from '../../common/app/LocalizedAntApp.tsx';
import { ConsoleChangePasswordPage } from '../login/ConsoleChangePasswordPage.tsx';
import { ConsoleLoginPage } from '../login/ConsoleLoginPage.tsx';
import { ConsoleShell } from './ConsoleShell.tsx';
import { useConsole } from './console-context.ts';
import { menuFor } from './menu-access.ts';

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
  const logout = useStore(session, (s) => s.logout);
  switch (current.phase) {
    case 'restoring':
      return (
        <div className="hssk-centre">
          <Spin size="large" />
        </div>
      );
    case 'signed-out':
      return <ConsoleLoginPage notice={current.notice} />;
    case 'must-change-password':
      return <ConsoleChangePasswordPage userName={current.account.userName} />;
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
