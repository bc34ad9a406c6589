import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  accountAnswer,
  accountListQuery,
  accountParams,
  accountsAnswer,
  createAccountRequest,
  createdAccountAnswer,
  passwordResetAnswer,
  userNamePreviewAnswer,
  userNamePreviewRequest,
} from '#shared/server-api/accounts.ts';
import { requirePrincipal, requireRole } from '../auth/auth-guards.ts';
import { apiProblem } from '#shared/errors/api-problem.ts';
import type { AccountAdminService } from './account-admin-service.ts';
import { rolesAllowedTo, type AccountAdminAction } from './account-roles.ts';
import { sendAccountProblem } from './send-problem.ts';

const problems = { 400: apiProblem, 401: apiProblem, 403: apiProblem, 404: apiProblem, 409: apiProblem };

/**
 * `/admin/accounts`: account administration inside the admin's own subtree. Each route admits only the roles allowed
 * to perform its action (`rolesAllowedTo`); the service applies the subtree scope in its queries.
 */
export function adminAccountRoutes(deps: { admin: AccountAdminService }): FastifyPluginAsyncZod {
  return async (app) => {
    const guard = (action: AccountAdminAction) => requireRole(...rolesAllowedTo(action));

    app.get(
      '/admin/accounts',
      {
        onRequest: guard('list'),
        schema: {
          tags: ['admin'],
          summary: 'List accounts in your subtree, optionally of one unit’s subtree, a status or a role',
          querystring: accountListQuery,
          response: {
            200: accountsAnswer,
            ...problems,
          },
        },
      },
      async (request, reply) => {
        const result = await deps.admin.list(requirePrincipal(request), request.query);
        if (!result.ok) return sendAccountProblem(reply, result.errors);
        return { accounts: [...result.value.accounts], nextAfter: result.value.nextAfter };
      },
    );

    app.post(
      '/admin/accounts/user-name-preview',
      {
        onRequest: guard('create'),
        schema: {
          tags: ['admin'],
          summary: 'The user name a new account would get now (Art. 7.1), and the prefix any edit must keep',
          body: userNamePreviewRequest,
          response: {
            200: userNamePreviewAnswer,
            ...problems,
            422: apiProblem,
          },
        },
      },
      async (request, reply) => {
        const result = await deps.admin.previewUserName(requirePrincipal(request), request.body);
        if (!result.ok) return sendAccountProblem(reply, result.errors);
        return result.value;
      },
    );

    app.post(
      '/admin/accounts',
      {
        onRequest: guard('create'),
        schema: {
          tags: ['admin'],
          summary: 'Create an account; returns its user name and one-time password once',
          body: createAccountRequest,
          response: {
            201: createdAccountAnswer,
            ...problems,
            422: apiProblem,
          },
        },
      },
      async (request, reply) => {
        const result = await deps.admin.create(requirePrincipal(request), request.body);
        if (!result.ok) return sendAccountProblem(reply, result.errors);
        return reply.status(201).header('cache-control', 'no-store').send(result.value);
      },
    );

    const transitions = [
      { action: 'lock', path: 'lock', summary: 'Lock an account and end its sessions' },
      {
        action: 'unlock',
        path: 'unlock',
        summary: 'Unlock an account (also lifts a lockout after failed logins)',
      },
      { action: 'close', path: 'close', summary: 'Close an account for good and end its sessions' },
    ] as const;
    for (const transition of transitions) {
      app.post(
        `/admin/accounts/:accountId/${transition.path}`,
        {
          onRequest: guard(transition.action),
          schema: {
            tags: ['admin'],
            summary: transition.summary,
            params: accountParams,
            response: { 200: accountAnswer, ...problems },
          },
        },
        async (request, reply) => {
          const principal = requirePrincipal(request);
          const { accountId } = request.params;
          const result =
            transition.action === 'lock'
              ? await deps.admin.lock(principal, accountId)
              : transition.action === 'unlock'
                ? await deps.admin.unlock(principal, accountId)
                : await deps.admin.close(principal, accountId);
          if (!result.ok) return sendAccountProblem(reply, result.errors);
          return { account: result.value };
        },
      );
    }

    app.post(
      '/admin/accounts/:accountId/reset-password',
      {
        onRequest: guard('reset-password'),
        schema: {
          tags: ['admin'],
          summary: 'Issue a new one-time password (returned once); the holder must change it at next login',
          params: accountParams,
          response: { 200: passwordResetAnswer, ...problems },
        },
      },
      async (request, reply) => {
        const result = await deps.admin.resetPassword(requirePrincipal(request), request.params.accountId);
        if (!result.ok) return sendAccountProblem(reply, result.errors);
        return reply.header('cache-control', 'no-store').send(result.value);
      },
    );
  };
}
