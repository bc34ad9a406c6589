import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { normalizeLoginName } from '#shared/accounts/user-name.ts';
import { problemOf } from '#shared/errors/api-problem.ts';
import { httpIssue } from './http-issue.ts';
import type { RateBudget, RateLimits } from './rate-limits.ts';
import { createStreamSlots } from './stream-slots.ts';

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
type Limiter = (
  request: FastifyRequest,
) => Promise<{ isAllowed: boolean; isExceeded?: boolean; ttl?: number }>;

/** Enough keys that spraying many user names or addresses cannot push a counted one out of memory quickly. */
const KEYS_KEPT = 100_000;
const STREAM_ROUTE = '/sync/:collection/stream';
const PATIENT_LOOKUP_ROUTE = '/interop/patients';
const UNLIMITED = ['/health/', '/metrics'] as const;

const addressOf = (request: FastifyRequest) => `address:${normalizeIP(request.ip)}`;
const sessionOrAddressOf = (request: FastifyRequest) =>
  request.principal === null ? addressOf(request) : `session:${request.principal.sessionTokenHash}`;
const accountOrAddressOf = (request: FastifyRequest) =>
  request.principal === null ? addressOf(request) : `account:${request.principal.accountId}`;
const userNameOf = (request: FastifyRequest) => {
  const typed = (request.body as { userName?: unknown } | undefined)?.userName;
  return `user:${typeof typed === 'string' ? normalizeLoginName(typed) : ''}`;
};

/**
 * Request budgets (`@fastify/rate-limit`, in-memory store) and caps on open event streams, by route family
 * (`RateLimits`). An `onRoute` hook gives each route its budget when it is registered, so call this before any route.
 * Budgets keyed by session run after authentication (the route's own hooks run after the app's) and before the
 * route's guards, so anonymous floods are counted too; the per-user-name sign-in budget runs once the body is
 * validated. Past a budget the answer is 429 `rate-limited` with `Retry-After`; a stream over its cap is refused with
 * 429 `streams-too-many` (refused, not closing the oldest: a client opening streams in a loop would otherwise
 * close its own streams in a loop). Health checks and metrics are never limited.
 */
export async function registerRequestBudgets(app: FastifyInstance, limits: RateLimits): Promise<void> {
  await app.register(rateLimit, { global: false });
  const limiter = (budget: RateBudget, keyOf: (request: FastifyRequest) => string): Limiter => {
    // `cache` (keys kept per budget) is a plugin option `createRateLimit`'s type leaves out; the store reads it.
    const options = { max: budget.max, timeWindow: budget.windowMs, keyGenerator: keyOf, cache: KEYS_KEPT };
    return app.createRateLimit(options);
  };
  const budgets = {
    signInPerAddress: limiter(limits.signInPerAddress, addressOf),
    signInPerUserName: limiter(limits.signInPerUserName, userNameOf),
    enrolment: limiter(limits.enrolmentPerAddress, addressOf),
    deviceSession: limiter(limits.deviceSessionPerAddress, addressOf),
    sync: limiter(limits.syncPerSession, sessionOrAddressOf),
    patientLookup: limiter(limits.patientLookupPerAccount, accountOrAddressOf),
    other: limiter(limits.otherPerSession, sessionOrAddressOf),
  };
  const streams = streamCap(limits);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const url = route.url;
    if (UNLIMITED.some((prefix) => url.startsWith(prefix))) return;
    if (methods.includes('POST') && url === '/auth/login') {
      prepend(route, 'onRequest', within(budgets.signInPerAddress));
      append(route, 'preHandler', within(budgets.signInPerUserName));
    } else if (methods.includes('POST') && url === '/devices/enrol') {
      prepend(route, 'onRequest', within(budgets.enrolment));
    } else if (methods.includes('POST') && url === '/auth/device-session') {
      prepend(route, 'onRequest', within(budgets.deviceSession));
    } else if (methods.includes('GET') && url === PATIENT_LOOKUP_ROUTE) {
      prepend(route, 'onRequest', within(budgets.other));
      prepend(route, 'onRequest', within(budgets.patientLookup));
    } else if (url.startsWith('/sync/')) {
      prepend(route, 'onRequest', within(budgets.sync));
      // After the route's device-signature check, which sets the principal's device.
      if (url === STREAM_ROUTE) append(route, 'preHandler', streams);
    } else {
      prepend(route, 'onRequest', within(budgets.other));
    }
  });
}

/** A hook answering 429 `rate-limited` with `Retry-After` once the request's key is past its budget. */
function within(limit: Limiter): Hook {
  return async (request, reply) => {
    const result = await limit(request);
    if (result.isAllowed || result.isExceeded !== true) return undefined;
    const seconds = Math.max(1, Math.ceil((result.ttl ?? 0) / 1000));
    request.log.warn({ route: request.routeOptions.url }, 'request budget exceeded');
    return reply
      .status(429)
      .header('retry-after', String(seconds))
      .send(problemOf([httpIssue('rate-limited', { seconds })]));
  };
}

/** The stream cap: one slot per session and per device for the stream's collection, held until the answer ends. */
function streamCap(limits: RateLimits): Hook {
  const slots = createStreamSlots();
  return async (request, reply) => {
    const principal = request.principal;
    if (principal === null) return undefined;
    const named = (request.params as { collection?: unknown }).collection;
    const collection = typeof named === 'string' ? named : '';
    const claim = slots.claim([
      { key: `session:${principal.sessionTokenHash}:${collection}`, cap: limits.streamsPerSession },
      ...(principal.deviceId === undefined
        ? []
        : [{ key: `device:${principal.deviceId}:${collection}`, cap: limits.streamsPerDevice }]),
    ]);
    if (claim === undefined) {
      request.log.warn({ collection }, 'event stream refused: too many open');
      return reply
        .status(429)
        .header('retry-after', String(STREAM_RETRY_SECONDS))
        .send(problemOf([httpIssue('streams-too-many', { collection, seconds: STREAM_RETRY_SECONDS })]));
    }
    reply.raw.once('close', claim.release);
    reply.raw.once('finish', claim.release);
    return undefined;
  };
}

const STREAM_RETRY_SECONDS = 30;

type HookName = 'onRequest' | 'preHandler';

function hooksOf(route: RouteOptions, name: HookName): Hook[] {
  const current = route[name] as Hook | Hook[] | undefined;
  return current === undefined ? [] : Array.isArray(current) ? current : [current];
}

function prepend(route: RouteOptions, name: HookName, hook: Hook): void {
  (route as Record<HookName, unknown>)[name] = [hook, ...hooksOf(route, name)];
}

function append(route: RouteOptions, name: HookName, hook: Hook): void {
  (route as Record<HookName, unknown>)[name] = [...hooksOf(route, name), hook];
}
