import type { FastifyReply, FastifyRequest } from 'fastify';
import { defineIssues } from '#shared/errors/issue.ts';
import { problemOf } from '#shared/errors/api-problem.ts';
import { DEVICE_ROLE, type Principal, type PrincipalRole } from './principal.ts';

export const authIssue = defineIssues({
  'auth-required': 'Bạn cần đăng nhập để dùng chức năng này. Đăng nhập rồi thử lại.',
  'session-expired':
    'Phiên đăng nhập đã hết hạn hoặc không còn hiệu lực (đã đăng xuất, đổi mật khẩu hoặc tài khoản bị khóa). Đăng nhập lại.',
  'forbidden-role':
    'Vai trò của tài khoản này không được dùng chức năng này. Nếu công việc cần, đề nghị quản trị viên đơn vị cấp quyền phù hợp.',
  'password-change-required':
    'Bạn phải đổi mật khẩu (lần đầu đăng nhập hoặc sau khi được cấp lại) trước khi dùng hệ thống. Đổi mật khẩu rồi thử lại.',
});
export type AuthIssueCode = Parameters<typeof authIssue>[0];

const statusOfAuthIssue: Readonly<Record<AuthIssueCode, number>> = {
  'auth-required': 401,
  'session-expired': 401,
  'forbidden-role': 403,
  'password-change-required': 403,
};

/** The HTTP status of an authentication/authorisation code, or undefined for any other code. */
export function httpStatusOfAuthIssue(code: string): number | undefined {
  return Object.hasOwn(statusOfAuthIssue, code) ? statusOfAuthIssue[code as AuthIssueCode] : undefined;
}

/** A route-level `onRequest` hook; it answers the request itself (401/403 problem) when the request may not proceed. */
export type AuthGuard = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

/**
 * Builds a guard: the request must carry a valid session (401 `auth-required`, or `session-expired` when a token was
 * sent but is no longer valid); while the account must change its password, only routes that opt in with
 * `allowPendingPasswordChange` proceed (403 `password-change-required`); and when `roles` is given the account's
 * role must be one of them (403 `forbidden-role`). A device session (`station-device`) passes only guards that list
 * its role. Use it as the route's `onRequest`, so nothing is parsed first.
 */
export function authGuard(
  options: { roles?: readonly PrincipalRole[]; allowPendingPasswordChange?: boolean } = {},
): AuthGuard {
  return async (request, reply) => {
    const principal = request.principal;
    if (principal === null) {
      const code = request.authFailure ?? 'auth-required';
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer')
        .send(problemOf([authIssue(code)]));
    }
    if (principal.mustChangePassword && options.allowPendingPasswordChange !== true) {
      return reply.status(403).send(problemOf([authIssue('password-change-required')]));
    }
    // A device session serves sync only: it passes a guard only where its role is listed explicitly.
    const allowed = options.roles ?? (principal.role === DEVICE_ROLE ? [] : [principal.role]);
    if (!allowed.includes(principal.role)) {
      return reply.status(403).send(problemOf([authIssue('forbidden-role')]));
    }
    return undefined;
  };
}

/** Any signed-in account that has no pending password change. */
export function requireSession(): AuthGuard {
  return authGuard();
}

/** A signed-in account with one of `roles` and no pending password change. */
export function requireRole(...roles: readonly PrincipalRole[]): AuthGuard {
  return authGuard({ roles });
}

/** The principal of a request that passed a guard; a guarded route without one is a bug, so this throws. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (request.principal === null) {
    throw new Error(`route ${request.routeOptions.url ?? '?'} reads the principal without an auth guard`);
  }
  return request.principal;
}
