import { Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { stationCommandArgs } from '#shared/station-api/station-api.ts';
import { LocalizedAntApp } from '../../common/app/LocalizedAntApp.tsx';
import { ChangePasswordPage } from '../../common/session/ChangePasswordPage.tsx';
import { SignInGate } from '../login/SignInGate.tsx';
import { AppShell } from './AppShell.tsx';
import { useStation } from '../state/station-context.ts';

/**
 * The station app: enrolment of a new station computer, sign-in, the forced password change, or the working screens,
 * in the chosen language.
 */
export function App() {
  return (
    <LocalizedAntApp fontSize={15}>
      <Screens />
    </LocalizedAntApp>
  );
}

function Screens() {
  const { t } = useTranslation();
  const station = useStation();
  const connection = useStore(station.connection, (s) => s.connection);
  const view = useStore(station.session, (s) => s.view);
  const changePassword = useStore(station.session, (s) => s.changePassword);
  const logout = useStore(station.session, (s) => s.logout);
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
  if (view.mustChangePassword === true)
    return (
      <ChangePasswordPage
        userName={view.userName ?? ''}
        fields={stationCommandArgs['session.changePassword']}
        change={changePassword}
        signOut={logout}
      />
    );
  return <AppShell />;
}
