import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
// The ES modules: `antd/locale/*` is CommonJS, whose default import in this `"type": "module"` package is the whole
// exports object, so Ant Design's own texts (date pickers, tables) fell back to English.
import enUS from 'antd/es/locale/en_US';
import viVN from 'antd/es/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { ChangePasswordPage } from '../login/ChangePasswordPage.tsx';
import { SignInGate } from '../login/SignInGate.tsx';
import { AppShell } from './AppShell.tsx';
import { useStation } from './station-context.ts';

/** Ant Design's theme: hashed class names off, so the look does not depend on a build-specific hash. */
const theme = { hashed: false, token: { fontSize: 15 } } as const;

/**
 * The station app: enrolment of a new station computer, sign-in, the forced password change, or the working screens,
 * in the chosen language.
 */
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
  const station = useStation();
  const connection = useStore(station.connection, (s) => s.connection);
  const view = useStore(station.session, (s) => s.view);
  if (connection.kind === 'refused')
    return <Result status="error" title={t('connection.refused')} subTitle={connection.message} />;
  if (view === null)
    return (
      <div className="hssk-centre">
        <Spin size="large" />
        <p>{connection.kind === 'lost' ? t('connection.lost') : t('connection.connecting')}</p>
      </div>
    );
  if (!view.signedIn) return <SignInGate />;
  if (view.mustChangePassword === true) return <ChangePasswordPage userName={view.userName ?? ''} />;
  return <AppShell />;
}
