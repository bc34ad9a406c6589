import { defineIssues } from '#shared/errors/issue.ts';
import type {
  StationAnswer,
  StationCommand,
  StationCommandInput,
  StationEvents,
} from '#shared/station-api/station-api.ts';
import {
  loopbackServerMessage,
  type LoopbackClientMessage,
  type LoopbackServerMessage,
} from '#shared/station-api/station-messages.ts';
import type { ConnectedStationApi, ConnectionState } from './connected-station-api.ts';

export type { ConnectionState } from './connected-station-api.ts';
export type LoopbackStationApi = ConnectedStationApi;

const issue = defineIssues({
  'station-connection-lost':
    'Mất kết nối với chương trình máy trạm. Kiểm tra chương trình còn chạy; ứng dụng tự kết nối lại. Thao tác vừa rồi có thể chưa được lưu: kiểm tra lại trước khi làm lại.',
  'station-connection-refused': '{message}',
  'station-answer-unreadable':
    'Chương trình máy trạm trả lời không đúng định dạng. Kiểm tra lại dữ liệu vừa thao tác; nếu lỗi lặp lại, báo bộ phận CNTT.',
});

type Pending = { readonly command: string; readonly args: unknown; resolve(answer: unknown): void };

/**
 * The station API over the station core's loopback WebSocket (`electron/station/transport/loopback-server.ts`): the
 * first message presents the per-launch secret, then `{type:'call'}` messages are answered by id and events arrive
 * as they happen. Calls made before the link is ready wait for it; a call that cannot be delivered, or whose link
 * drops before the answer, is answered with a `station-connection-lost` issue, and one whose answer cannot be read
 * with `station-answer-unreadable`: never left hanging or thrown. A dropped
 * link reconnects with backoff (the core keeps its session); a refused one does not.
 */
export function createLoopbackStationApi(options: {
  /** `ws://127.0.0.1:<port>/api`, the page's own origin. */
  readonly url: string;
  readonly secret: string;
  readonly createSocket?: (url: string) => WebSocket;
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
}): LoopbackStationApi {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const retryMs = options.retryMs ?? 500;
  const maxRetryMs = options.maxRetryMs ?? 5000;
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  const eventListeners = new Map<keyof StationEvents, Set<(payload: never) => void>>();
  const inFlight = new Map<number, Pending>();
  const waiting: Pending[] = [];
  let state: ConnectionState = { kind: 'connecting' };
  let socket: WebSocket | undefined;
  let nextId = 1;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const setState = (next: ConnectionState) => {
    state = next;
    for (const listener of connectionListeners) listener(next);
  };
  const unreachable = () =>
    state.kind === 'refused'
      ? { ok: false, errors: [issue('station-connection-refused', { message: state.message })] }
      : { ok: false, errors: [issue('station-connection-lost')] };

  function send(pending: Pending): void {
    const id = nextId++;
    inFlight.set(id, pending);
    const message: LoopbackClientMessage = { type: 'call', id, command: pending.command, args: pending.args };
    socket?.send(JSON.stringify(message));
  }

  function connect(): void {
    const ws = createSocket(options.url);
    socket = ws;
    ws.addEventListener('open', () => {
      const hello: LoopbackClientMessage = { type: 'hello', secret: options.secret };
      ws.send(JSON.stringify(hello));
    });
    ws.addEventListener('message', (event: MessageEvent<unknown>) => {
      const message = parse(event.data);
      if (message === undefined) {
        // An answer the page cannot read still ends its call: a person never waits on a call forever.
        const id = unreadableAnswerId(event.data);
        const pending = id === undefined ? undefined : inFlight.get(id);
        if (id !== undefined && pending !== undefined) {
          inFlight.delete(id);
          pending.resolve({ ok: false, errors: [issue('station-answer-unreadable')] });
        }
        return;
      }
      switch (message.type) {
        case 'ready':
          failures = 0;
          setState({ kind: 'ready' });
          for (const pending of waiting.splice(0)) send(pending);
          break;
        case 'answer': {
          const pending = inFlight.get(message.id);
          inFlight.delete(message.id);
          pending?.resolve(message.answer);
          break;
        }
        case 'event':
          for (const listener of eventListeners.get(message.event) ?? []) listener(message.payload as never);
          break;
        case 'refused':
          setState({ kind: 'refused', code: message.code, message: message.message });
          break;
      }
    });
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      socket = undefined;
      for (const pending of [...inFlight.values(), ...waiting.splice(0)]) pending.resolve(unreachable());
      inFlight.clear();
      if (closed || state.kind === 'refused') return;
      setState({ kind: 'lost' });
      const delay = Math.min(maxRetryMs, retryMs * 2 ** failures++);
      retryTimer = setTimeout(connect, delay);
    });
  }
  connect();

  return {
    call<C extends StationCommand>(command: C, args: StationCommandInput<C>): Promise<StationAnswer<C>> {
      return new Promise((resolve) => {
        const pending: Pending = { command, args, resolve: resolve };
        if (state.kind === 'ready') send(pending);
        else if (state.kind === 'connecting') waiting.push(pending);
        else resolve(unreachable() as StationAnswer<C>);
      });
    },
    subscribe(event, listener) {
      const listeners = eventListeners.get(event) ?? new Set();
      listeners.add(listener);
      eventListeners.set(event, listeners);
      return () => {
        listeners.delete(listener);
      };
    },
    connection: () => state,
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => {
        connectionListeners.delete(listener);
      };
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      socket?.close();
    },
  };
}

/** The call id of an answer frame that failed the envelope's schema, if the frame names one. */
function unreadableAnswerId(data: unknown): number | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const frame: unknown = JSON.parse(data);
    if (typeof frame !== 'object' || frame === null) return undefined;
    const { type, id } = frame as { type?: unknown; id?: unknown };
    return type === 'answer' && typeof id === 'number' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** A text frame as a protocol message, or undefined for anything else (which the page ignores). */
function parse(data: unknown): LoopbackServerMessage | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const parsed = loopbackServerMessage.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
