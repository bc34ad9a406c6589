import { gzipSync } from 'node:zlib';
import { apiProblemOf } from '#shared/errors/api-problem.ts';
import { loginAnswer } from '#shared/server-api/auth.ts';
import { intakeAnswer, type IntakeAnswer } from '#shared/server-api/interop.ts';

/**
 * SIMULATOR of a hospital's sending system: signs in as the hospital's interop account and posts hồ sơ giám định to
 * the intake, as a hospital's export would (gzip-compressed, as an HTTP client may).
 */
export type HospitalSender = {
  send(envelopeXml: string): Promise<IntakeAnswer>;
};

export class SenderError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function problem(response: Response): Promise<SenderError> {
  const body: unknown = await response.json().catch(() => undefined);
  const known = apiProblemOf(body);
  return new SenderError(
    known?.code ?? `http-${String(response.status)}`,
    known?.message ?? response.statusText,
  );
}

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
  if (!response.ok) throw await problem(response);
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
  if (!changed.ok) throw await problem(changed);
  return signInHospital(baseUrl, userName, next);
}

export function createHospitalSender(options: {
  readonly baseUrl: string;
  readonly token: string;
}): HospitalSender {
  return {
    async send(envelopeXml) {
      const response = await fetch(`${options.baseUrl}/interop/qd130`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${options.token}`,
          'content-type': 'application/xml',
          'content-encoding': 'gzip',
          'accept-encoding': 'gzip',
        },
        body: gzipSync(Buffer.from(envelopeXml, 'utf8')),
      });
      if (!response.ok) throw await problem(response);
      return intakeAnswer.parse(await response.json());
    },
  };
}
