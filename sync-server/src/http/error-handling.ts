import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Issue } from '../../../shared/errors/issue.ts';
import { httpIssue, problemOf } from './api-problem.ts';

/**
 * Maps every framework-level failure to the API problem shape, in one place: request validation (400),
 * malformed JSON (400), oversized bodies (413), unsupported media types (415), unknown routes (404) and
 * unexpected errors (500, logged with the request id, no details leaked).
 */
export function registerErrorHandling(app: FastifyInstance, options: { bodyLimit: number }): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues: Issue[] = error.validation.map((v) => ({
        code: 'request-invalid',
        message: `${httpIssue('request-invalid').message} (${v.instancePath || '/'}: ${v.message ?? ''})`,
        path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
      }));
      const [first, ...rest] = issues;
      return reply.status(400).send(problemOf(first ? [first, ...rest] : [httpIssue('request-invalid')]));
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.status(400).send(problemOf([httpIssue('json-malformed')]));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.status(413).send(problemOf([httpIssue('body-too-large', { limit: options.bodyLimit })]));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.status(415).send(problemOf([httpIssue('media-type-unsupported')]));
      default:
        break;
    }
    if (error instanceof SyntaxError || error.statusCode === 400) {
      return reply.status(400).send(problemOf([httpIssue('json-malformed')]));
    }
    if (error.statusCode === 429) return reply.status(429).send(problemOf([httpIssue('too-many-requests')]));
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(problemOf([httpIssue('internal-error', { requestId: request.id })]));
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(
        problemOf([
          httpIssue('route-not-found', { method: request.method, url: request.url.split('?')[0] ?? '' }),
        ]),
      ),
  );
}
