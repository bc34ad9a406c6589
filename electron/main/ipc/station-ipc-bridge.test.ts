import { describe, expect, it } from 'vitest';
import type { StationAnswer, StationCommand } from '#shared/station-api/station-api.ts';
import { APP_ORIGIN } from '../protocol/app-protocol.ts';
import { STATION_IPC } from './station-ipc-channels.ts';
import { registerStationIpc, type InvokeEvent } from './station-ipc-bridge.ts';

function bridge() {
  const handlers = new Map<string, (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>>();
  const reached: { command: string; args: unknown }[] = [];
  registerStationIpc(
    { handle: (channel, listener) => handlers.set(channel, listener) },
    {
      appOrigin: APP_ORIGIN,
      log: () => undefined,
      core: {
        call: async <C extends StationCommand>(command: C, args: unknown) => {
          reached.push({ command, args });
          return { ok: true, value: null } as unknown as StationAnswer<C>;
        },
      },
    },
  );
  const handler = handlers.get(STATION_IPC.call);
  if (handler === undefined) throw new Error('no handler');
  const top = (url: string): InvokeEvent => ({ senderFrame: { url, parent: null } });
  return { handler, reached, top };
}

type Refusal = { ok: false; errors: { code: string; message: string }[] };

describe('the station IPC bridge', () => {
  it('passes a valid call from the app’s top frame to the core', async () => {
    const { handler, reached, top } = bridge();
    const answer = await handler(top('app://station/residents'), 'residents.search', {
      query: 'nguyen van a',
    });
    expect(answer).toEqual({ ok: true, value: null });
    expect(reached).toEqual([{ command: 'residents.search', args: { query: 'nguyen van a' } }]);
  });

  it('refuses calls from another origin, a subframe or a destroyed frame, before the core sees them', async () => {
    const { handler, reached, top } = bridge();
    for (const event of [
      top('https://evil.example/'),
      top('app://station.evil.example/'),
      top('file:///C:/app/index.html'),
      { senderFrame: { url: 'app://station/', parent: {} } },
      { senderFrame: null },
    ]) {
      const answer = (await handler(event, 'session.status', {})) as Refusal;
      expect(answer.errors[0]?.code).toBe('ipc-sender-refused');
    }
    expect(reached).toEqual([]);
  });

  it('refuses unknown commands and arguments that fail the command’s schema', async () => {
    const { handler, reached, top } = bridge();
    const app = top('app://station/');
    for (const command of ['__proto__', 'constructor', 'db.dump', 42]) {
      expect(((await handler(app, command, {})) as Refusal).errors[0]?.code).toBe('station-command-unknown');
    }
    const cases: [string, unknown][] = [
      ['residents.search', { query: 'a'.repeat(101) }],
      ['residents.search', { query: 'x', extra: true }],
      ['session.login', { userName: 'a' }],
      ['residents.markDeceased', { id: 'p1', deathDate: '2026-01-01', confirmed: false }],
      ['sync.now', null],
    ];
    for (const [command, args] of cases) {
      const answer = (await handler(app, command, args)) as Refusal;
      expect(answer.errors[0]?.code, command).toBe('station-args-invalid');
      expect(answer.errors[0]?.message).toContain(command);
    }
    expect(reached).toEqual([]);
  });
});
