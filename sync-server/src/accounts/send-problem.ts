import type { FastifyReply } from 'fastify';
import type { Issue } from '#shared/errors/issue.ts';
import { problemOf } from '#shared/errors/api-problem.ts';
import { httpStatusOfAccountIssue } from './account-issues.ts';

/** Answers an expected account failure with its problem body and the status of its first issue. */
export function sendAccountProblem(reply: FastifyReply, errors: readonly [Issue, ...Issue[]]): FastifyReply {
  return reply.status(httpStatusOfAccountIssue(errors[0].code)).send(problemOf(errors));
}
