import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
// The ES modules: `antd/locale/*` is CommonJS, whose default import in this `"type": "module"` package is the whole
// `exports` object (Node's rule), so Ant Design would fall back to English.
import enUS from 'antd/es/locale/en_US';
import viVN from 'antd/es/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { ConsoleChangePasswordPage } from '../login/ConsoleChangePasswordPage.tsx';
import { ConsoleLoginPage } from '../login/ConsoleLoginPage.tsx';
import { ConsoleShell } from './ConsoleShell.tsx';
import { useConsole } from './console-context.ts';
import { menuFor } from './menu-access.ts';

/** Ant Design's theme, as in the station app: hashed class names off. */
const theme = { hashed: false, token: { fontSize: 14 } } as const;

/** The admin console: sign-in, the forced password change, or the screens the account's role may use. */
export function App() {
  const { i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  useEffect(() => {
    dayjs.locale(language);
    document.documentElement.lang = language;
  }, [language]);
  return (
    <ConfigProvider locale={language === 'en' ? enUS : viVN} theme={theme}>
      <AntApp>
        <Screens />
      </AntApp>
    </ConfigProvider>
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
