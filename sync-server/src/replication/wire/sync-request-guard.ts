import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * What authenticates a station's sync request beyond its session (the devices feature's signature check): a
 * `preParsing` hook that may keep the body's bytes, and a `preHandler` that answers the refusal itself. The engine
 * runs it on every sync request after the session guard; the guard decides whose requests must be signed (station
 * staff and station devices always, a hospital once it has enrolled a sending machine, admins never).
 */
export type SyncRequestGuard = {
  readonly preParsing: (request: FastifyRequest, reply: FastifyReply, payload: Readable) => Promise<Readable>;
  readonly preHandler: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;
};
