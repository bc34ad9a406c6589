import type { FastifyInstance } from 'fastify';

/** Path prefixes whose answers carry health data, sessions or secrets: never stored by a browser or a proxy. */
const NEVER_STORED = ['/sync/', '/admin/', '/auth/'] as const;

/**
 * Headers every answer gets, in one place (an `onSend` hook on the whole app, errors and 404s included):
 * `X-Content-Type-Options: nosniff` always, and `Cache-Control: no-store` on every `/sync`, `/admin` and `/auth`
 * answer whatever the route set. Elsewhere `no-store` is the default, and a route that chose its own caching keeps
 * it (the console's hashed assets are cached for a year). Hijacked answers (the `/sync/…/stream` event stream) skip
 * hooks and set the same headers themselves.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-content-type-options', 'nosniff');
    const path = request.url.split('?')[0] ?? '';
    if (NEVER_STORED.some((prefix) => path.startsWith(prefix)) || !reply.hasHeader('cache-control')) {
      void reply.header('cache-control', 'no-store');
    }
    return payload;
  });
}
