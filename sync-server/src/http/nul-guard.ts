import type { FastifyInstance } from 'fastify';
import { NUL_CHARACTER_CODE, safeStringIssue } from '#shared/schemas/safe-string.ts';
import { problemOf } from '#shared/errors/api-problem.ts';

/** Thrown by the JSON body parser for a body holding U+0000; the error handler answers it with a 400 problem. */
export class NulCharacterError extends Error {
  readonly statusCode = 400;
  readonly code = NUL_CHARACTER_CODE;
  constructor() {
    super('the request holds a NUL character (U+0000)');
    this.name = 'NulCharacterError';
  }
}

// JSON can carry U+0000 only as the escape `\u0000`: an odd run of backslashes before `u0000` (an even run is an
// escaped backslash followed by the plain text "u0000").
const ESCAPED_NUL = /(?<!\\)(?:\\\\)*\\u0000/;
const ENCODED_NUL = /%00/;

/**
 * Refuses U+0000 anywhere in a request's URL (path and query, as `%00`) or JSON body, with a 400 problem
 * `text-nul-character`, before any route or query runs: PostgreSQL cannot store it and would fail the request with a
 * 500. The shared schemas (`safeString`, `text`) refuse it too; this is the one place that covers every route at once.
 * Register it before the routes: a content-type parser and a hook reach only the routes registered after them.
 */
export function registerNulGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (ENCODED_NUL.test(request.url)) {
      return reply.status(400).send(problemOf([safeStringIssue(NUL_CHARACTER_CODE)]));
    }
    return undefined;
  });
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.includes('\\u0000') && ESCAPED_NUL.test(text)) {
      done(new NulCharacterError(), undefined);
      return;
    }
    // The default parser answers through `done`; its return value is nothing to wait for.
    void parseJson(request, text, done);
  });
}
