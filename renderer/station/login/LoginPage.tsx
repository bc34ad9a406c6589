import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { stationCommandArgs } from '#shared/station-api/station-api.ts';
import { SignInPage } from '../../common/session/SignInPage.tsx';
import { useStation } from '../state/station-context.ts';
import { isLockout } from './lockout.ts';
import { LockoutNotice } from './LockoutNotice.tsx';

/** Sign-in, online or offline (the core decides which); a lockout shows the minutes left, any other refusal as said. */
export function LoginPage() {
  const { t } = useTranslation();
  const station = useStation();
  const login = useStore(station.session, (s) => s.login);
  return (
    <SignInPage
      title={t('login.title')}
      intro={t('app.title')}
      schema={stationCommandArgs['session.login']}
      signIn={login}
      special={(issue) =>
        isLockout(issue) ? <LockoutNotice issue={issue} clock={station.clock} /> : undefined
      }
      hint={t('login.offlineHint')}
    />
  );
}
