import { Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { StationInfoView } from '#shared/station-api/station-api.ts';
import { useStation } from '../state/station-context.ts';
import { EnrolmentPage } from './EnrolmentPage.tsx';
import { LoginPage } from './LoginPage.tsx';

/**
 * Before anyone is signed in: the enrolment screen while this computer is not enrolled (the core says
 * `enrolled: false`), else the sign-in screen. Asks the core again whenever the link to it comes back.
 */
export function SignInGate() {
  const station = useStation();
  const connection = useStore(station.connection, (s) => s.connection);
  const [info, setInfo] = useState<StationInfoView | null>(null);
  useEffect(() => {
    if (connection.kind !== 'ready') return;
    void station.api.call('station.info', {}).then((answer) => {
      // A core that cannot say still lets people try to sign in: the sign-in answers why not.
      setInfo(answer.ok ? answer.value : { locked: false });
    });
  }, [station.api, connection.kind]);
  if (info === null)
    return (
      <div className="hssk-centre">
        <Spin size="large" />
      </div>
    );
  if (info.enrolled === false) return <EnrolmentPage info={info} onEnrolled={setInfo} />;
  return <LoginPage />;
}
