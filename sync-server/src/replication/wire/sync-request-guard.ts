import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * What authenticates a station's sync request beyond its session (the devices feature's signature check): a
 * `preParsing` hook that may keep the body's bytes, and a `preHandler` that answers the refusal itself. The engine
 * runs it for station staff and station devices; admins and hospitals are authorized by their session alone.
 */
export type SyncRequestGuard = {
  readonly preParsing: (request: FastifyRequest, reply: FastifyReply, payload: Readable) => Promise<Readable>;
  readonly preHandler: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;
};
