import { defineIssues } from '#shared/errors/issue.ts';
import { UNKNOWN_USER_NAME } from '#shared/schemas/access-event-user-names.ts';
import type { StationCommand, StationInfoView } from '#shared/station-api/station-api.ts';
import type { AccessLog } from '../../services/access-log.ts';
import type { StationSession } from '../../services/station-session.ts';
import { answerIssues, answerOf, answerValue, type StationHandlers } from '../station-handlers.ts';

const issue = defineIssues({
  'station-already-enrolled':
    'Máy trạm này đã được đăng ký (thiết bị {deviceId}). Nếu thiết bị bị thu hồi, báo bộ phận CNTT cài đặt lại máy trạm.',
});

/** The commands answered before anyone works: which station this is, its enrolment, signing in and out. */
export type SessionCommand = 'station.info' | 'device.enrol' | Extract<StationCommand, `session.${string}`>;

/**
 * Which station this is and who is signed in on it. Sign-ins (also failed ones) and sign-outs are recorded in the
 * access log; an enrolled station refuses a second enrolment.
 */
export function createSessionHandlers(deps: {
  session: StationSession;
  access: AccessLog;
  info: StationInfoView;
  deviceId: string;
}): StationHandlers<SessionCommand> {
  const { session, access } = deps;
  return {
    'station.info': async () => answerValue(deps.info),
    'session.status': async () => answerValue(session.view()),
    'device.enrol': async () =>
      answerIssues([issue('station-already-enrolled', { deviceId: deps.deviceId })]),
    'session.login': async ({ userName, password }) => {
      // A failed sign-in names only staff this station knows: the typed text may be a password in the wrong field.
      const known = await session.knows(userName);
      const result = await session.login(userName, password);
      await access.record(
        result.ok ? 'login' : 'login-failed',
        result.ok ? (result.value.userName ?? userName) : known ? userName : UNKNOWN_USER_NAME,
      );
      return answerOf(result, (view) => view);
    },
    'session.changePassword': async ({ currentPassword, newPassword }) =>
      answerOf(await session.changePassword(currentPassword, newPassword), (view) => view),
    'session.lockOwnAccount': async () => answerOf(await session.lockOwnAccount(), (view) => view),
    'session.reportMisuse': async ({ description, lockAccount }) =>
      answerOf(await session.reportMisuse(description, lockAccount), (view) => view),
    'session.logout': async () => {
      const signedIn = session.view().userName;
      if (signedIn !== undefined) await access.record('logout', signedIn);
      return answerValue(await session.logout());
    },
  };
}
