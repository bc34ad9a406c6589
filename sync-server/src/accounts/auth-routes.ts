import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accountAnswer } from '#shared/server-api/accounts.ts';
import {
  changePasswordRequest,
  loginAnswer,
  loginRequest,
  misuseReportRequest,
} from '#shared/server-api/auth.ts';
import { authGuard, requirePrincipal } from '../auth/auth-guards.ts';
import { apiProblem } from '#shared/errors/api-problem.ts';
import { sendAccountProblem } from './send-problem.ts';
import type { SignInService } from './sign-in-service.ts';
import type { DeviceSignatureGuard } from '../devices/require-device-signature.ts';
import type { SignInSource } from './sign-in-lockouts.ts';

/** Signed-in routes that stay open while the password must be changed: changing it, leaving, and asking for a lock. */
const signedInEvenBeforePasswordChange = authGuard({ allowPendingPasswordChange: true });

/**
 * `/auth/*`: login, logout, the current session, password change and the self-service lock (Art. 7.3b, 23).
 * `sourceOf` says where a sign-in came from, for the lockout per account and source and the attack view.
 */
export function authRoutes(deps: {
  signIn: SignInService;
  idleTimeoutMs: number;
  sourceOf: (request: FastifyRequest, reply: FastifyReply) => Promise<SignInSource>;
  /** Keeps the raw body of a sign-in, for `sourceOf` to verify a station device's signature over it. */
  preParsing?: DeviceSignatureGuard['preParsing'];
}): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/login',
      {
        ...(deps.preParsing === undefined ? {} : { preParsing: deps.preParsing }),
        schema: {
          tags: ['auth'],
          summary: 'Sign in with user name and password; returns an opaque session token',
          body: loginRequest,
          response: { 200: loginAnswer, 400: apiProblem, 401: apiProblem, 403: apiProblem },
        },
      },
      async (request, reply) => {
        const result = await deps.signIn.login(request.body, await deps.sourceOf(request, reply));
        if (!result.ok) return sendAccountProblem(reply, result.errors);
        return reply.header('cache-control', 'no-store').send({
          token: result.value.token,
          expiresAt: result.value.expiresAt.toISOString(),
          idleTimeoutSeconds: Math.floor(deps.idleTimeoutMs / 1000),
          mustChangePassword: result.value.mustChangePassword,
          account: result.value.account,
        });
      },
    );

    app.post(
      '/auth/logout',
      {
        onRequest: signedInEvenBeforePasswordChange,
        schema: {
          tags: ['auth'],
          summary: 'End the current session',
          response: { 204: z.null(), 401: apiProblem },
        },
      },
      async (request, reply) => {
        await deps.signIn.logout(requirePrincipal(request));
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/auth/session',
      {
        onRequest: signedInEvenBeforePasswordChange,
        schema: {
          tags: ['auth'],
          summary: 'The account behind the current session',
          response: { 200: accountAnswer, 401: apiProblem },
        },
      },
      async (request) => ({ account: await deps.signIn.account(requirePrincipal(request)) }),
    );

    app.post(
      '/auth/change-password',
      {
        onRequest: signedInEvenBeforePasswordChange,
        ...(deps.preParsing === undefined ? {} : { preParsing: deps.preParsing }),
        schema: {
          tags: ['auth'],
          summary: 'Change your own password (required at first login and after a reset)',
          body: changePasswordRequest,
          response: {
            200: accountAnswer,
            400: apiProblem,
            401: apiProblem,
            403: apiProblem,
            422: apiProblem,
          },
        },
      },
      async (request, reply) => {
        const result = await deps.signIn.changePassword(
          requirePrincipal(request),
          request.body,
          await deps.sourceOf(request, reply),
        );
        if (!result.ok) return sendAccountProblem(reply, result.errors);
        return { account: result.value };
      },
    );

    app.post(
      '/auth/request-lock',
      {
        onRequest: signedInEvenBeforePasswordChange,
        schema: {
          tags: ['auth'],
          summary: 'Lock your own account (Art. 23); an admin of your unit unlocks it',
          response: { 200: accountAnswer, 401: apiProblem },
        },
      },
      async (request) => ({ account: await deps.signIn.requestLock(requirePrincipal(request)) }),
    );

    app.post(
      '/auth/report-misuse',
      {
        onRequest: signedInEvenBeforePasswordChange,
        schema: {
          tags: ['auth'],
          summary:
            'Report misuse of your account or of records in your name (Art. 23), optionally locking the account at once; the report is in the audit log for the admins of your unit',
          body: misuseReportRequest,
          response: { 200: accountAnswer, 400: apiProblem, 401: apiProblem },
        },
      },
      async (request) => ({
        account: await deps.signIn.reportMisuse(requirePrincipal(request), request.body),
      }),
    );
  };
}
