import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { StationApi, StationEvents } from '#shared/station-api/station-api.ts';
import { hostileRequestTargets, rawHttpStatus } from './hostile-requests.test-support.ts';
import type { LoopbackServerMessage } from '#shared/station-api/station-messages.ts';
import { startLoopbackServer, type LoopbackServer } from './loopback-server.ts';

/** A station API that answers `session.status` and records what it was asked (the transport is under test). */
function recordingApi() {
  const calls: { command: string; args: unknown }[] = [];
  const listeners = new Set<(payload: StationEvents['session.changed']) => void>();
  const api: StationApi = {
    async call(command, args) {
      calls.push({ command, args });
      return { ok: true, value: { signedIn: false } } as never;
    },
    subscribe(event, listener) {
      if (event !== 'session.changed') return () => undefined;
      const typed = listener as (payload: StationEvents['session.changed']) => void;
      listeners.add(typed);
      return () => listeners.delete(typed);
    },
  };
  return {
    api,
    calls,
    emit: (payload: StationEvents['session.changed']) => {
      listeners.forEach((l) => {
        l(payload);
      });
    },
  };
}

function connect(server: LoopbackServer, origin = server.url) {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api`, { origin });
  const messages: LoopbackServerMessage[] = [];
  ws.on('message', (data: Buffer) =>
    messages.push(JSON.parse(data.toString('utf8')) as LoopbackServerMessage),
  );
  const closed = new Promise<number>((resolve) =>
    ws.on('close', (code) => {
      resolve(code);
    }),
  );
  const opened = new Promise<void>((resolve, reject) => {
    ws.on('open', () => {
      resolve();
    });
    ws.on('error', reject);
  });
  const next = async (count: number) => {
    for (let waited = 0; messages.length < count && waited < 5000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return messages;
  };
  return { ws, opened, closed, next, messages };
}

describe('the loopback station API server', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0)) await step();
  });
  async function start(staticDir?: string) {
    const recording = recordingApi();
    const server = await startLoopbackServer({
      api: recording.api,
      ...(staticDir === undefined ? {} : { staticDir }),
    });
    cleanup.push(() => server.close());
    return { server, ...recording };
  }

  it('listens on 127.0.0.1 only and answers commands and events after the secret', async () => {
    const { server, calls, emit } = await start();
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    const client = connect(server);
    await client.opened;
    client.ws.send(JSON.stringify({ type: 'hello', secret: server.secret }));
    expect(await client.next(1)).toEqual([{ type: 'ready' }]);
    client.ws.send(JSON.stringify({ type: 'call', id: 7, command: 'session.status', args: {} }));
    await client.next(2);
    expect(client.messages[1]).toEqual({
      type: 'answer',
      id: 7,
      answer: { ok: true, value: { signedIn: false } },
    });
    expect(calls).toEqual([{ command: 'session.status', args: {} }]);
    emit({ signedIn: true, userName: 'x' });
    await client.next(3);
    expect(client.messages[2]).toEqual({
      type: 'event',
      event: 'session.changed',
      payload: { signedIn: true, userName: 'x' },
    });
    client.ws.close();
  });

  it('refuses another origin, a connection without the right secret, and a garbled message, before any command runs', async () => {
    const { server, calls } = await start();
    const foreign = connect(server, 'https://evil.example');
    await expect(foreign.opened).rejects.toThrow(/403/);

    const wrong = connect(server);
    await wrong.opened;
    wrong.ws.send(JSON.stringify({ type: 'call', id: 1, command: 'session.status', args: {} }));
    expect(await wrong.closed).toBe(1008);
    expect(wrong.messages).toEqual([
      expect.objectContaining({ type: 'refused', code: 'station-api-secret-wrong' }),
    ]);

    const garbled = connect(server);
    await garbled.opened;
    garbled.ws.send(JSON.stringify({ type: 'hello', secret: server.secret }));
    await garbled.next(1);
    garbled.ws.send('{not json');
    expect(await garbled.closed).toBe(1008);
    expect(garbled.messages).toEqual([
      { type: 'ready' },
      expect.objectContaining({ type: 'refused', code: 'station-api-message-invalid' }),
    ]);

    const guessed = connect(server);
    await guessed.opened;
    guessed.ws.send(JSON.stringify({ type: 'hello', secret: 'guess' }));
    expect(await guessed.closed).toBe(1008);
    expect(calls).toEqual([]);
  });

  it('serves the built app and nothing outside it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hssk-static-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>HSSK</title>');
    const { server } = await start(join(dir));
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('HSSK');
    expect((await fetch(`${server.url}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect((await fetch(`${server.url}/missing.js`)).status).toBe(404);
  });

  async function appFolder() {
    const dir = await mkdtemp(join(tmpdir(), 'hssk-static-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>HSSK</title>');
    return dir;
  }

  async function signedIn(server: LoopbackServer) {
    const client = connect(server);
    await client.opened;
    client.ws.send(JSON.stringify({ type: 'hello', secret: server.secret }));
    expect(await client.next(1)).toEqual([{ type: 'ready' }]);
    return client;
  }

  it('answers malformed, NUL-bearing, climbing and overlong paths with an error status and keeps serving', async () => {
    const { server } = await start(await appFolder());
    for (const target of hostileRequestTargets) {
      const status = await rawHttpStatus(server.url, target);
      expect(status, target).toBeGreaterThanOrEqual(400);
      expect(status, target).toBeLessThan(500);
    }
    expect(await rawHttpStatus(server.url, '/')).toBe(200);
    expect((await fetch(`${server.url}/`)).status).toBe(200);
  });

  it('refuses a request that names another host, so a rebound DNS name cannot reach the station page', async () => {
    const { server } = await start(await appFolder());
    expect(await rawHttpStatus(server.url, '/', { host: 'evil.example' })).toBe(421);
    expect(await rawHttpStatus(server.url, '/', { host: `evil.example:${new URL(server.url).port}` })).toBe(
      421,
    );
    expect(await rawHttpStatus(server.url, '/')).toBe(200);
  });

  it('sends the station page with headers that forbid framing, sniffing, caching and other origins', async () => {
    const { server } = await start(await appFolder());
    for (const path of ['/', '/missing.js', '/%E0%A4%A']) {
      const response = await fetch(`${server.url}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).toContain("base-uri 'none'");
      expect(csp, path).toContain("form-action 'none'");
      expect(csp, path).toContain(`connect-src 'self' ${server.url.replace('http:', 'ws:')}`);
      expect(csp, path).not.toContain('*');
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('cache-control'), path).toBe('no-store');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('cross-origin-resource-policy'), path).toBe('same-origin');
      expect(response.headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
    }
  });

  it('closes a connection that sends a frame over 1 MiB with 1009 and keeps serving the others', async () => {
    const { server } = await start();
    const bystander = await signedIn(server);
    for (const authenticated of [false, true]) {
      const flooder = authenticated ? await signedIn(server) : connect(server);
      await flooder.opened;
      flooder.ws.on('error', () => undefined);
      flooder.ws.send('x'.repeat(1024 * 1024 + 1));
      expect(await flooder.closed).toBe(1009);
    }
    bystander.ws.send(JSON.stringify({ type: 'call', id: 1, command: 'session.status', args: {} }));
    await bystander.next(2);
    expect(bystander.messages[1]).toMatchObject({ type: 'answer', id: 1 });
    const later = await signedIn(server);
    later.ws.close();
    bystander.ws.close();
  });

  it('closes a connection whose message is JSON but not a message, before and after the secret', async () => {
    const { server, calls } = await start();
    for (const text of ['null', '5', '"hello"', '[]', '{"type":"call"}', '{"type":"call","id":"1"}']) {
      for (const authenticated of [false, true]) {
        const client = authenticated ? await signedIn(server) : connect(server);
        await client.opened;
        client.ws.send(text);
        expect(await client.closed, `${text} ${String(authenticated)}`).toBe(1008);
        expect(client.messages.at(-1), text).toMatchObject({ type: 'refused' });
      }
    }
    expect(calls).toEqual([]);
    const later = await signedIn(server);
    later.ws.close();
  });
});
