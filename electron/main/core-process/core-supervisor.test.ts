import { describe, expect, it } from 'vitest';
import { createPlainFileKeyStore } from '../../station/keys/plain-file-key-store.ts';
import type { CoreConnection } from '../ipc/station-ipc-channels.ts';
import type { ToCore } from './core-messages.ts';
import { createCoreSupervisor, type CoreChild } from './core-supervisor.ts';

/** A stand-in for the core's utility process: records what main sends and lets the test answer or crash. */
class FakeCore implements CoreChild {
  readonly sent: ToCore[] = [];
  private messageListener: (message: unknown) => void = () => undefined;
  private exitListener: (code: number) => void = () => undefined;
  killed = false;
  postMessage(message: ToCore) {
    this.sent.push(message);
  }
  onMessage(listener: (message: unknown) => void) {
    this.messageListener = listener;
  }
  onExit(listener: (code: number) => void) {
    this.exitListener = listener;
  }
  kill() {
    this.killed = true;
    this.exitListener(9);
  }
  say(message: unknown) {
    this.messageListener(message);
  }
  crash(code = 1) {
    this.exitListener(code);
  }
  /** Answers every call sent so far with `{ ok: true, value: command }`. */
  answerAll() {
    for (const m of this.sent)
      if (m.type === 'call') this.say({ type: 'answer', id: m.id, answer: { ok: true, value: m.command } });
  }
}

function supervise(options: { maxCrashes?: number } = {}) {
  const cores: FakeCore[] = [];
  const states: CoreConnection['kind'][] = [];
  const timers: { run: () => void; ms: number }[] = [];
  const events: unknown[] = [];
  let now = 0;
  const supervisor = createCoreSupervisor({
    fork: () => {
      const core = new FakeCore();
      cores.push(core);
      return core;
    },
    config: {
      dataDir: '/data',
      serverUrl: 'https://sync.example',
      appVersion: '1.0.0',
      recoveryPublicKey: 'AAAA',
      keyStore: { id: 'plain-file', protection: 'weak' },
    },
    keyStore: createPlainFileKeyStore(),
    onEvent: (event, payload) => events.push({ event, payload }),
    onConnection: (state) => states.push(state.kind),
    log: () => undefined,
    clock: { now: () => now },
    setTimer: (run, ms) => timers.push({ run, ms }),
    ...options,
  });
  const core = (i: number) => {
    const c = cores[i];
    if (c === undefined) throw new Error(`no core ${i}`);
    return c;
  };
  return { supervisor, cores, core, states, timers, events, advance: (ms: number) => (now += ms) };
}

describe('the station core supervisor', () => {
  it('starts the core with its config, holds calls until it is ready, then answers them', async () => {
    const { supervisor, core } = supervise();
    expect(core(0).sent[0]).toMatchObject({ type: 'start', config: { dataDir: '/data' } });
    const answer = supervisor.call('session.status', {});
    expect(core(0).sent).toHaveLength(1);
    core(0).say({ type: 'ready' });
    core(0).answerAll();
    expect(await answer).toEqual({ ok: true, value: 'session.status' });
    expect(supervisor.connection()).toEqual({ kind: 'ready' });
  });

  it('restarts a crashed core, answers the calls it lost with a clear issue, and tells the window', async () => {
    const { supervisor, core, cores, states, timers } = supervise();
    core(0).say({ type: 'ready' });
    const lost = supervisor.call('exams.saveDraft', { draft: {} });
    core(0).crash();
    expect(await lost).toMatchObject({ ok: false, errors: [{ code: 'station-core-restarted' }] });
    expect(states).toEqual(['ready', 'lost']);
    const waiting = supervisor.call('session.status', {});
    expect(cores).toHaveLength(1);
    timers.shift()?.run();
    expect(cores).toHaveLength(2);
    core(1).say({ type: 'ready' });
    core(1).answerAll();
    expect(await waiting).toEqual({ ok: true, value: 'session.status' });
    expect(states).toEqual(['ready', 'lost', 'connecting', 'ready']);
    // A late message from the dead core changes nothing.
    core(0).say({ type: 'ready' });
    expect(states.at(-1)).toBe('ready');
  });

  it('backs off between restarts and stops restarting a core that keeps crashing', async () => {
    const { supervisor, core, timers, states } = supervise({ maxCrashes: 2 });
    core(0).crash();
    timers.shift()?.run();
    core(1).crash();
    const delays = [timers[0]?.ms];
    timers.shift()?.run();
    core(2).crash();
    expect(delays).toEqual([1000]);
    expect(timers).toHaveLength(0);
    expect(states.at(-1)).toBe('refused');
    expect(await supervisor.call('session.status', {})).toMatchObject({
      errors: [{ code: 'station-core-failed' }],
    });
  });

  it('does not restart a core that said why it cannot open, and shows its reason', async () => {
    const { supervisor, core, timers, states } = supervise();
    core(0).say({ type: 'fatal', code: 'station-key-slot-damaged', message: 'Tệp khóa của trạm bị hỏng.' });
    core(0).crash();
    expect(timers).toHaveLength(0);
    expect(states.at(-1)).toBe('refused');
    expect(supervisor.connection()).toEqual({
      kind: 'refused',
      code: 'station-key-slot-damaged',
      message: 'Tệp khóa của trạm bị hỏng.',
    });
  });

  it('answers the core’s key-store requests with the main process’s key store', async () => {
    const { core } = supervise();
    const plain = Buffer.from('database key bytes');
    core(0).say({ type: 'key-store', id: 7, op: 'wrap', bytes: plain.toString('base64') });
    await new Promise((r) => setTimeout(r, 10));
    const wrapped = core(0).sent.find((m) => m.type === 'key-store-result');
    expect(wrapped).toMatchObject({ type: 'key-store-result', id: 7 });
    const bytes = wrapped?.type === 'key-store-result' ? wrapped.bytes : null;
    expect(bytes).not.toBeNull();
    core(0).say({ type: 'key-store', id: 8, op: 'unwrap', bytes: bytes ?? '' });
    core(0).say({ type: 'key-store', id: 9, op: 'unwrap', bytes: 'AAAA' });
    await new Promise((r) => setTimeout(r, 10));
    const results = core(0).sent.filter((m) => m.type === 'key-store-result');
    expect(results[1]).toEqual({ type: 'key-store-result', id: 8, bytes: plain.toString('base64') });
    expect(results[2]).toEqual({ type: 'key-store-result', id: 9, bytes: null });
  });

  it('forwards events, ignores malformed messages, and stops cleanly', async () => {
    const { supervisor, core, events } = supervise();
    core(0).say({ type: 'ready' });
    core(0).say({ type: 'event', event: 'sync.status', payload: { state: 'idle' } });
    core(0).say({ type: 'answer', id: 'x' });
    core(0).say('garbage');
    expect(events).toEqual([{ event: 'sync.status', payload: { state: 'idle' } }]);
    const pending = supervisor.call('session.status', {});
    const stopped = supervisor.stop();
    expect(core(0).sent.at(-1)).toEqual({ type: 'stop' });
    core(0).crash(0);
    await stopped;
    expect(await pending).toMatchObject({ errors: [{ code: 'station-core-stopped' }] });
  });
});
