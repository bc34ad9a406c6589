import { gzipSync } from 'node:zlib';
import { apiProblemOf } from '#shared/errors/api-problem.ts';
import { loginAnswer } from '#shared/server-api/auth.ts';
import { intakeAnswer, type IntakeAnswer } from '#shared/server-api/interop.ts';
import { SenderError, senderErrorOf } from './sender-error.ts';
import { learnServerTime, machineHeaders, type SendingMachine } from './sending-machine.ts';

/**
 * SIMULATOR of a hospital's sending system: signs in as the hospital's interop account and posts hồ sơ giám định to
 * the intake, as a hospital's export would (gzip-compressed, as an HTTP client may), signed by its enrolled sending
 * machine when it has one (the signature covers the compressed bytes as sent).
 */
export type HospitalSender = {
  send(envelopeXml: string): Promise<IntakeAnswer>;
};

/** Signs in; when the account must change its password first (a one-time password), changes it to `newPassword`. */
export async function signInHospital(
  baseUrl: string,
  userName: string,
  password: string,
  newPassword?: () => Promise<string>,
): Promise<string> {
  const response = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userName, password }),
  });
  if (!response.ok) throw await senderErrorOf(response);
  const login = loginAnswer.parse(await response.json());
  if (!login.mustChangePassword) return login.token;
  if (newPassword === undefined)
    throw new SenderError('password-change-required', 'Tài khoản cần đổi mật khẩu trước.');
  const next = await newPassword();
  const changed = await fetch(`${baseUrl}/auth/change-password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
    body: JSON.stringify({ currentPassword: password, newPassword: next }),
  });
  if (!changed.ok) throw await senderErrorOf(changed);
  return signInHospital(baseUrl, userName, next);
}

const INTAKE_PATH = '/interop/qd130';

export function createHospitalSender(options: {
  readonly baseUrl: string;
  readonly token: string;
  readonly machine?: SendingMachine | undefined;
}): HospitalSender {
  const { machine } = options;
  const post = (body: Buffer<ArrayBuffer>) =>
    fetch(`${options.baseUrl}${INTAKE_PATH}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.token}`,
        'content-type': 'application/xml',
        'content-encoding': 'gzip',
        'accept-encoding': 'gzip',
        ...(machine === undefined ? {} : machineHeaders(machine, 'POST', INTAKE_PATH, body)),
      },
      body,
    });
  return {
    async send(envelopeXml) {
      const body = gzipSync(Buffer.from(envelopeXml, 'utf8'));
      let response = await post(body);
      if (machine !== undefined) {
        // A machine whose clock is off learns the server's time from the refusal and signs again, once.
        const skewed = response.status === 401 && response.headers.has('x-hssk-server-time');
        learnServerTime(machine, response);
        if (
          skewed &&
          apiProblemOf(
            await response
              .clone()
              .json()
              .catch(() => undefined),
          )?.code === 'device-clock-skew'
        )
          response = await post(body);
      }
      if (!response.ok) throw await senderErrorOf(response);
      return intakeAnswer.parse(await response.json());
    },
  };
}
