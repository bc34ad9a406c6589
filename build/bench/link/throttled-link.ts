import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';

/** A rural link to emulate: one bandwidth per direction shared by every connection, a fixed delay, cuts. */
export type LinkProfile = {
  /** Server → station, bits per second. */
  readonly downBitsPerSecond: number;
  /** Station → server, bits per second. */
  readonly upBitsPerSecond: number;
  /** One-way delay added to every byte, in ms (the round trip is twice this). */
  readonly delayMs: number;
  /** Every so often, every open connection is cut (both ends reset); none when absent. */
  readonly cutEveryMs?: number | undefined;
};

export type ThrottledLink = {
  /** `http://127.0.0.1:<port>`: the server, as seen through the link. */
  readonly url: string;
  /** Bytes carried so far, each way (as on the wire: compressed answers count compressed). */
  bytes(): { readonly down: number; readonly up: number };
  /** Connections opened through the link, open now, and how many times it cut those open. */
  connections(): { readonly opened: number; readonly open: number; readonly cuts: number };
  /** Cuts every open connection now. */
  cut(): void;
  close(): Promise<void>;
};

/** Largest piece scheduled at once: smooth enough that a big chunk does not hold the link for long. */
const PIECE = 16 * 1024;
/** Bytes a direction queues before the sending socket is paused (the link's buffer). */
const BUFFER = 256 * 1024;

type Piece = { readonly to: Socket; readonly bytes: Buffer; readonly dueAt: number };

type Direction = {
  readonly bitsPerSecond: number;
  /** When the link finishes sending what is queued so far, in ms of `performance.now()`. */
  busyUntil: number;
  /** Pieces on their way, in the order they were sent: delivered in that order, each at its due time. */
  readonly queue: Piece[];
  queued: number;
  carried: number;
  timer: NodeJS.Timeout | undefined;
  readonly paused: Set<Socket>;
};

/**
 * A TCP proxy that behaves like a slow shared link, for benchmarks and tests of first sync over rural internet: bytes
 * each way are serialized through one budget per direction (all connections share it, FIFO, as on one line), arrive
 * `delayMs` after they were sent, and a sender is paused while its direction holds more than a buffer's worth. With
 * `cutEveryMs`, every open connection is reset at that period, as a dropped link does. Counts the bytes each way.
 * Not a TCP model (no slow start, no loss): the same emulation for every variant compared on it.
 */
export async function startThrottledLink(target: URL, profile: LinkProfile): Promise<ThrottledLink> {
  const direction = (bitsPerSecond: number): Direction => ({
    bitsPerSecond,
    busyUntil: 0,
    queue: [],
    queued: 0,
    carried: 0,
    timer: undefined,
    paused: new Set(),
  });
  const down = direction(profile.downBitsPerSecond);
  const up = direction(profile.upBitsPerSecond);
  const open = new Set<Socket>();
  let opened = 0;
  let cuts = 0;

  /**
   * Delivers the pieces of `direction` that are due, in order, and waits for the next. One timer per direction, never
   * one per piece: timers of different lengths may fire out of order, and bytes of a connection must not.
   */
  function deliver(direction: Direction): void {
    direction.timer = undefined;
    const now = performance.now();
    for (let head = direction.queue[0]; head !== undefined && head.dueAt <= now; head = direction.queue[0]) {
      direction.queue.shift();
      direction.queued -= head.bytes.length;
      direction.carried += head.bytes.length;
      if (!head.to.destroyed) head.to.write(head.bytes);
    }
    if (direction.queued < BUFFER / 2) {
      for (const socket of direction.paused) socket.resume();
      direction.paused.clear();
    }
    const next = direction.queue[0];
    if (next !== undefined) direction.timer = setTimeout(deliver, Math.max(0, next.dueAt - now), direction);
  }

  /** Sends `chunk` from `from` to `to` through `direction`: serialized at its rate, delivered after the delay. */
  function carry(direction: Direction, from: Socket, to: Socket, chunk: Buffer): void {
    for (let start = 0; start < chunk.length; start += PIECE) {
      const bytes = chunk.subarray(start, start + PIECE);
      const sendMs = (bytes.length * 8 * 1000) / direction.bitsPerSecond;
      direction.busyUntil = Math.max(performance.now(), direction.busyUntil) + sendMs;
      direction.queue.push({ to, bytes, dueAt: direction.busyUntil + profile.delayMs });
      direction.queued += bytes.length;
    }
    direction.timer ??= setTimeout(deliver, 0, direction);
    if (direction.queued >= BUFFER) {
      from.pause();
      direction.paused.add(from);
    }
  }

  function cutAll(): void {
    for (const socket of open) socket.resetAndDestroy();
    if (open.size > 0) cuts++;
    open.clear();
  }

  const server = createServer((client) => {
    opened++;
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    open.add(client);
    open.add(upstream);
    client.on('data', (chunk: Buffer) => {
      carry(up, client, upstream, chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      carry(down, upstream, client, chunk);
    });
    // An end travels like data: after what was sent before it (checked until that has been delivered).
    const endAfterQueue = (direction: Direction, to: Socket) => () => {
      const lastDue = direction.busyUntil + profile.delayMs;
      const endWhenDelivered = () => {
        if (direction.queue.some((piece) => piece.to === to && piece.dueAt <= lastDue)) {
          setTimeout(endWhenDelivered, 5);
        } else if (!to.destroyed) to.end();
      };
      setTimeout(endWhenDelivered, Math.max(0, lastDue - performance.now()));
    };
    client.on('end', endAfterQueue(up, upstream));
    upstream.on('end', endAfterQueue(down, client));
    const close = () => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', () => {
      open.delete(client);
    });
    upstream.on('close', () => {
      open.delete(upstream);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const cutter = profile.cutEveryMs === undefined ? undefined : setInterval(cutAll, profile.cutEveryMs);
  cutter?.unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    bytes: () => ({ down: down.carried, up: up.carried }),
    connections: () => ({ opened, open: open.size / 2, cuts }),
    cut: cutAll,
    async close() {
      if (cutter !== undefined) clearInterval(cutter);
      for (const each of [down, up]) if (each.timer !== undefined) clearTimeout(each.timer);
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}
