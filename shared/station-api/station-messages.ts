import { z } from 'zod';
import type { StationConnection, StationEvents } from './station-api.ts';

/**
 * The station↔page envelope: the messages every transport of the station API carries (the loopback WebSocket, the
 * Electron IPC bridge and the core's utility process). A page calls a command by id, the core answers that id, and
 * events flow from the core to the page. Each side parses what it receives with these schemas; the command's own
 * arguments are validated by the core against `stationCommandArgs`.
 */

/** Every event the core pushes, as a list the transports subscribe to. */
export const stationEventNames = [
  'sync.status',
  'session.changed',
] as const satisfies readonly (keyof StationEvents)[];

/** An issue as it crosses the boundary (see `StationIssue`). */
export const stationIssue = z.looseObject({
  code: z.string(),
  message: z.string(),
  path: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

/** A `StationAnswer` of any command: the value is the command's result, checked by the core that produced it. */
export const stationAnswer = z.union([
  z.looseObject({ ok: z.literal(true), value: z.unknown() }),
  z.looseObject({
    ok: z.literal(false),
    errors: z.array(stationIssue).readonly(),
    candidates: z.array(z.unknown()).readonly().optional(),
  }),
]);

/** One event as the IPC bridge sends it to the page. */
export const stationEvent = z.object({ event: z.enum(stationEventNames), payload: z.unknown() });
export type StationEventMessage = z.infer<typeof stationEvent>;

/** Where the link between a page and its core stands (`StationConnection`), as the main process tells the page. */
export const stationConnection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('connecting') }),
  z.object({ kind: z.literal('ready') }),
  z.object({ kind: z.literal('lost'), message: z.string().exactOptional() }),
  z.object({ kind: z.literal('refused'), code: z.string(), message: z.string() }),
]) satisfies z.ZodType<StationConnection>;

/** page → core: call `command` with `args`; answered by an `answer` with the same `id`. */
export const stationCallMessage = z.object({
  type: z.literal('call'),
  id: z.number(),
  command: z.string(),
  args: z.unknown(),
});
export type StationCallMessage = z.infer<typeof stationCallMessage>;

/** core → page: the answer to the call `id`. */
export const stationAnswerMessage = z.object({
  type: z.literal('answer'),
  id: z.number(),
  answer: stationAnswer,
});
export type StationAnswerMessage = z.infer<typeof stationAnswerMessage>;

/** core → page: an event as it happens. */
export const stationEventMessage = z.object({ type: z.literal('event'), ...stationEvent.shape });

/** The loopback page's first message: the per-launch secret it was handed in its URL fragment. */
const helloMessage = z.object({ type: z.literal('hello'), secret: z.string() });
/** The loopback core accepted the secret: calls are answered from now on. */
const readyMessage = z.object({ type: z.literal('ready') });
/** The loopback core refused the connection for good (wrong secret, no hello in time, a malformed message). */
const refusedMessage = z.object({ type: z.literal('refused'), code: z.string(), message: z.string() });

/** What a page sends over the loopback WebSocket (JSON text frames). */
export const loopbackClientMessage = z.discriminatedUnion('type', [helloMessage, stationCallMessage]);
export type LoopbackClientMessage = z.infer<typeof loopbackClientMessage>;

/** What the core sends over the loopback WebSocket (JSON text frames). */
export const loopbackServerMessage = z.discriminatedUnion('type', [
  readyMessage,
  stationAnswerMessage,
  stationEventMessage,
  refusedMessage,
]);
export type LoopbackServerMessage = z.infer<typeof loopbackServerMessage>;
