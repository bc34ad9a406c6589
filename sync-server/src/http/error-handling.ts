import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Issue } from '#shared/errors/issue.ts';
import { NUL_CHARACTER_CODE, safeStringIssue } from '#shared/schemas/safe-string.ts';
import { problemOf } from '#shared/errors/api-problem.ts';
import { httpIssue } from './http-issue.ts';
import { NulCharacterError } from './nul-guard.ts';

/**
 * Maps every framework-level failure to the API problem shape, in one place: request validation (400; a schema's own
 * refusal with a stable code, such as `text-nul-character`, keeps its code and Vietnamese message), a NUL character
 * (400), malformed JSON (400), oversized bodies (413, after decompression; the message names the route's limit),
 * unsupported media types and content
 * encodings (415), bodies that do not decompress (400), unknown routes (404) and
 * unexpected errors (500, logged with the request id, no details leaked; the logger's error serializer drops SQL
 * text and parameters).
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues: Issue[] = error.validation.map((v) => {
        const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const reason = v.keyword === 'custom' ? reasonOf(v.params) : undefined;
        return reason === undefined
          ? {
              code: 'request-invalid',
              message: `${httpIssue('request-invalid').message} (${v.instancePath || '/'}: ${v.message ?? ''})`,
              path,
            }
          : { code: reason, message: v.message ?? '', path };
      });
      const [first, ...rest] = issues;
      return reply.status(400).send(problemOf(first ? [first, ...rest] : [httpIssue('request-invalid')]));
    }
    if (error instanceof NulCharacterError) {
      return reply.status(400).send(problemOf([safeStringIssue(NUL_CHARACTER_CODE)]));
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.status(400).send(problemOf([httpIssue('json-malformed')]));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.status(413).send(
          problemOf([
            httpIssue('body-too-large', {
              limit: request.routeOptions.bodyLimit.toLocaleString('vi-VN'),
            }),
          ]),
        );
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.status(415).send(problemOf([httpIssue('media-type-unsupported')]));
      case 'FST_CP_ERR_INVALID_CONTENT_ENCODING':
        return reply.status(415).send(problemOf([httpIssue('content-encoding-unsupported')]));
      case 'FST_CP_ERR_INVALID_CONTENT':
        return reply.status(400).send(problemOf([httpIssue('content-encoding-invalid')]));
      default:
        break;
    }
    if (error instanceof SyntaxError || error.statusCode === 400) {
      return reply.status(400).send(problemOf([httpIssue('json-malformed')]));
    }
    if (error.statusCode === 429) {
      const seconds = Number(reply.getHeader('retry-after') ?? 60) || 60;
      return reply.status(429).send(problemOf([httpIssue('rate-limited', { seconds })]));
    }
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

const STABLE_CODE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/;

/** The stable code a schema gave its own refusal (`params.reason` of a custom zod issue), if it gave one. */
function reasonOf(params: Record<string, unknown>): string | undefined {
  const inner = params['params'];
  const reason =
    typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>)['reason'] : undefined;
  return typeof reason === 'string' && STABLE_CODE.test(reason) ? reason : undefined;
}
