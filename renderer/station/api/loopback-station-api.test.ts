import { describe, expect, it } from 'vitest';
import { createLoopbackStationApi } from './loopback-station-api.ts';

/** The page's side of a WebSocket, driven by the test as the station core would drive it. */
function scriptedSocket() {
  const listeners = new Map<string, ((event: { data?: unknown }) => void)[]>();
  const sent: unknown[] = [];
  const socket = {
    addEventListener(type: string, listener: (event: { data?: unknown }) => void) {
      listeners.set(type, [...(listeners.get(type) ?? []), listener]);
    },
    send(data: string) {
      sent.push(JSON.parse(data));
    },
    close() {
      for (const listener of listeners.get('close') ?? []) listener({});
    },
  };
  const emit = (type: string, data?: unknown) => {
    for (const listener of listeners.get(type) ?? []) listener({ data });
  };
  return { socket, sent, emit };
}

describe('the loopback station API of the page', () => {
  it('ends a call whose answer it cannot read with an issue, instead of leaving it waiting', async () => {
    const { socket, sent, emit } = scriptedSocket();
    const api = createLoopbackStationApi({
      url: 'ws://127.0.0.1:1/api',
      secret: 'secret',
      createSocket: () => socket as unknown as WebSocket,
    });
    emit('open');
    emit('message', JSON.stringify({ type: 'ready' }));
    const answer = api.call('station.info', {});
    const call = sent.find((message) => (message as { type?: string }).type === 'call') as { id: number };
    // An issue whose params hold a value the envelope does not allow.
    emit(
      'message',
      JSON.stringify({
        type: 'answer',
        id: call.id,
        answer: { ok: false, errors: [{ code: 'x', message: 'y', params: { flag: true } }] },
      }),
    );
    const result = await answer;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((issue) => issue.code)).toEqual(['station-answer-unreadable']);
    api.close();
  });

  it('reads a well-formed answer as it is', async () => {
    const { socket, sent, emit } = scriptedSocket();
    const api = createLoopbackStationApi({
      url: 'ws://127.0.0.1:1/api',
      secret: 'secret',
      createSocket: () => socket as unknown as WebSocket,
    });
    emit('open');
    emit('message', JSON.stringify({ type: 'ready' }));
    const answer = api.call('session.status', {});
    const call = sent.find((message) => (message as { type?: string }).type === 'call') as { id: number };
    emit(
      'message',
      JSON.stringify({ type: 'answer', id: call.id, answer: { ok: true, value: { signedIn: false } } }),
    );
    expect(await answer).toEqual({ ok: true, value: { signedIn: false } });
    api.close();
  });
});
