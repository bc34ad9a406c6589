import { defineIssues } from '#shared/errors/issue.ts';
import { toError } from '#shared/errors/to-error.ts';
import type { StationAnswer, StationCommand } from '#shared/station-api/station-api.ts';
import type { KeyStore } from '../../station/keys/key-store.ts';
import type { CoreConnection } from '../ipc/station-ipc-channels.ts';
import { fromCore, type CoreStartConfig, type ToCore } from './core-messages.ts';

const issue = defineIssues({
  'station-core-restarted':
    'Chương trình lõi của máy trạm vừa dừng đột ngột và đang khởi động lại. Thao tác vừa rồi có thể chưa được lưu: chờ vài giây, kiểm tra lại rồi làm lại. Bản nháp đang mở vẫn được giữ.',
  'station-core-failed':
    'Chương trình lõi của máy trạm dừng nhiều lần liên tiếp nên đã ngừng khởi động lại. Đóng rồi mở lại ứng dụng; nếu vẫn lỗi, báo bộ phận CNTT.',
  'station-core-stopped': 'Ứng dụng đang đóng. Mở lại ứng dụng rồi thử lại.',
});

/** One running station core (Electron's `UtilityProcess`, adapted in main.ts). */
export type CoreChild = {
  postMessage(message: ToCore): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
};

export type CoreSupervisor = {
  call<C extends StationCommand>(command: C, args: unknown): Promise<StationAnswer<C>>;
  connection(): CoreConnection;
  stop(): Promise<void>;
};

type Pending = { command: string; args: unknown; resolve(answer: unknown): void };

/**
 * Runs the station core in its own process and keeps it running: calls wait while it starts, are sent
 * once it says `ready`, and are answered with a Vietnamese `station-core-restarted` issue if it dies first (never left
 * hanging). A crash restarts it after a growing delay and tells the window (`onConnection`); the open form's draft
 * survives because drafts are saved in the core. More than `maxCrashes` crashes within `crashWindowMs` stop the
 * restarts (`refused`), and so does a core that reported `fatal` before exiting (it cannot open; a restart would not
 * help): the window then shows the core's own reason. The core reaches the machine key store only through `key-store` requests answered here.
 */
export function createCoreSupervisor(deps: {
  fork: () => CoreChild;
  config: CoreStartConfig;
  keyStore: KeyStore;
  onEvent: (event: string, payload: unknown) => void;
  onConnection: (state: CoreConnection) => void;
  log: (line: string) => void;
  clock: { now(): number };
  setTimer: (run: () => void, ms: number) => void;
  maxCrashes?: number;
  crashWindowMs?: number;
  restartDelayMs?: number;
}): CoreSupervisor {
  const maxCrashes = deps.maxCrashes ?? 5;
  const crashWindowMs = deps.crashWindowMs ?? 10 * 60_000;
  const restartDelayMs = deps.restartDelayMs ?? 500;
  let state: CoreConnection = { kind: 'connecting' };
  let child: CoreChild | undefined;
  let ready = false;
  let stopping = false;
  let nextId = 1;
  const crashes: number[] = [];
  const queued: Pending[] = [];
  const inFlight = new Map<number, Pending>();
  let exited: (() => void) | undefined;
  let fatal: { code: string; message: string } | undefined;

  const setState = (next: CoreConnection) => {
    state = next;
    deps.onConnection(next);
  };
  const failWith = (
    pending: Pending,
    code: 'station-core-restarted' | 'station-core-failed' | 'station-core-stopped',
  ) => {
    const { message } = issue(code);
    pending.resolve({ ok: false, errors: [{ code, message }] });
  };
  const send = (pending: Pending) => {
    const id = nextId++;
    inFlight.set(id, pending);
    child?.postMessage({ type: 'call', id, command: pending.command, args: pending.args });
  };

  async function answerKeyStore(target: CoreChild, id: number, op: 'wrap' | 'unwrap', base64: string) {
    let bytes: string | null;
    try {
      const input = new Uint8Array(Buffer.from(base64, 'base64'));
      const out = op === 'wrap' ? await deps.keyStore.wrap(input) : await deps.keyStore.unwrap(input);
      bytes = Buffer.from(out).toString('base64');
    } catch {
      bytes = null;
    }
    target.postMessage({ type: 'key-store-result', id, bytes });
  }

  function start(): void {
    ready = false;
    const current = deps.fork();
    child = current;
    current.onMessage((raw) => {
      const parsed = fromCore.safeParse(raw);
      if (!parsed.success || current !== child) return;
      const message = parsed.data;
      switch (message.type) {
        case 'ready':
          ready = true;
          setState({ kind: 'ready' });
          for (const pending of queued.splice(0)) send(pending);
          return;
        case 'answer': {
          const pending = inFlight.get(message.id);
          inFlight.delete(message.id);
          pending?.resolve(message.answer);
          return;
        }
        case 'event':
          deps.onEvent(message.event, message.payload);
          return;
        case 'key-store':
          void answerKeyStore(current, message.id, message.op, message.bytes);
          return;
        case 'fatal':
          deps.log(`station core fatal: ${message.code}`);
          fatal = { code: message.code, message: message.message };
          return;
      }
    });
    current.onExit((code) => {
      if (current !== child) return;
      child = undefined;
      ready = false;
      for (const pending of inFlight.values())
        failWith(pending, stopping ? 'station-core-stopped' : 'station-core-restarted');
      inFlight.clear();
      if (stopping) {
        exited?.();
        return;
      }
      if (fatal !== undefined) {
        // The core said why it cannot open (a damaged key file, a weak key store without staff): restarting would
        // only repeat it, so the window shows the core's own Vietnamese reason instead.
        setState({ kind: 'refused', code: fatal.code, message: fatal.message });
        for (const pending of queued.splice(0)) failWith(pending, 'station-core-failed');
        return;
      }
      const now = deps.clock.now();
      crashes.push(now);
      while (crashes[0] !== undefined && crashes[0] < now - crashWindowMs) crashes.shift();
      deps.log(`station core exited with code ${code} (${crashes.length} crash(es) recently)`);
      if (crashes.length > maxCrashes) {
        const failed = issue('station-core-failed');
        setState({ kind: 'refused', code: failed.code, message: failed.message });
        for (const pending of queued.splice(0)) failWith(pending, 'station-core-failed');
        return;
      }
      setState({ kind: 'lost', message: issue('station-core-restarted').message });
      deps.setTimer(
        () => {
          if (!stopping) start();
        },
        restartDelayMs * 2 ** (crashes.length - 1),
      );
    });
    current.postMessage({ type: 'start', config: deps.config });
    if (state.kind !== 'connecting') setState({ kind: 'connecting' });
  }

  try {
    start();
  } catch (e) {
    deps.log(`station core could not start: ${toError(e).message}`);
    throw e;
  }

  return {
    call<C extends StationCommand>(command: C, args: unknown) {
      return new Promise<StationAnswer<C>>((resolve) => {
        const pending: Pending = {
          command,
          args,
          resolve: (answer) => {
            resolve(answer as StationAnswer<C>);
          },
        };
        if (stopping) failWith(pending, 'station-core-stopped');
        else if (state.kind === 'refused') failWith(pending, 'station-core-failed');
        else if (ready) send(pending);
        else queued.push(pending);
      });
    },
    connection: () => state,
    stop() {
      stopping = true;
      for (const pending of queued.splice(0)) failWith(pending, 'station-core-stopped');
      const running = child;
      if (running === undefined) return Promise.resolve();
      return new Promise<void>((resolve) => {
        exited = resolve;
        running.postMessage({ type: 'stop' });
        deps.setTimer(() => {
          running.kill();
        }, 5000);
      });
    },
  };
}
