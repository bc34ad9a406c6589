import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.ts';
import { live, personIn, pushAs } from '../../record/domain-fixtures.test-support.ts';
import { testBackends } from '../../testing/test-databases.test-support.ts';
import {
  createReplicationTestApp,
  TEST_UNITS,
  testPrincipals,
  type ReplicationTestApp,
} from '../../testing/replication-test-app.test-support.ts';
import { replicationScopeOf } from '../replication-scope.ts';
import { createChangeStreams, type StreamOutput } from './change-streams.ts';

type Client = StreamOutput & { readonly received: unknown[]; backlogBytes: number; ended: boolean };

function client(): Client {
  const received: unknown[] = [];
  const self: Client = {
    received,
    backlogBytes: 0,
    ended: false,
    send: (data) => received.push(JSON.parse(data)),
    sendComment: () => undefined,
    backlog: () => self.backlogBytes,
    onError: () => {
      self.ended = true;
    },
  };
  return self;
}

async function until(condition: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 5000; !condition();) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(testBackends)('streams sharing their reads on $name', (backend) => {
  let database: DatabaseHandle;
  let server: ReplicationTestApp;

  beforeAll(async () => {
    database = await backend.open();
    server = await createReplicationTestApp({ database });
  }, 60_000);
  afterAll(async () => {
    await server.app.close();
    await database.close();
  });

  const streamsOf = () =>
    createChangeStreams({
      db: server.db,
      cipher: server.cipher,
      audit: server.audit,
      feed: server.feed,
      log: pino({ level: 'silent' }),
      heartbeatMs: 60_000,
      maxBacklogBytes: 1000,
    });
  const targetOf = (name: 'stationA1' | 'stationA1Second' | 'stationB1') => {
    const principal = testPrincipals[name];
    const scope = replicationScopeOf(principal);
    if (!scope.ok) throw new Error('no scope');
    const collection = server.registry.get('persons');
    if (collection === undefined) throw new Error('no persons');
    return { collection, principal, scope: scope.value };
  };

  it('reads each change once for every stream of its scope, audits each stream, and leaves other scopes alone', async () => {
    const streams = streamsOf();
    const a = [client(), client(), client()];
    const b = client();
    const opened = [
      await streams.open(targetOf('stationA1'), a[0] ?? client()),
      await streams.open(targetOf('stationA1'), a[1] ?? client()),
      await streams.open(targetOf('stationA1Second'), a[2] ?? client()),
      await streams.open(targetOf('stationB1'), b),
    ];
    expect(streams.stats()).toMatchObject({ streams: 4, groups: 2, pagesRead: 0 });
    const auditedBefore = await server.count('audit_log', undefined);

    const person = personIn(TEST_UNITS.stationA1, 'p-fan-out-1');
    await pushAs(server.app, 'stationA1', 'persons', [{ newDocumentState: live(person) }]);
    await until(() => a.every((c) => c.received.length === 2));

    for (const c of a) {
      expect(c.received[0]).toBe('RESYNC');
      expect(c.received[1]).toMatchObject({ documents: [{ id: 'p-fan-out-1' }] });
    }
    expect(b.received).toEqual(['RESYNC']);
    // One read for the three streams of station A1's scope; none for station B1's.
    expect(streams.stats().pagesRead).toBe(1);
    // Each stream's page is its own read on record (the push is one more entry).
    expect((await server.count('audit_log', undefined)) - auditedBefore).toBe(3 + 1);
    for (const stream of opened) stream.close();
    expect(streams.stats()).toMatchObject({ streams: 0, groups: 0 });
  });

  it('closes a stream whose client has left too much unread, and the others go on', async () => {
    const streams = streamsOf();
    const slow = client();
    const fast = client();
    await streams.open(targetOf('stationA1'), slow);
    const fastStream = await streams.open(targetOf('stationA1'), fast);
    slow.backlogBytes = 10_000;

    await pushAs(server.app, 'stationA1', 'persons', [
      { newDocumentState: live(personIn(TEST_UNITS.stationA1, 'p-fan-out-2')) },
    ]);
    await until(() => fast.received.length === 2 && slow.ended);
    expect(slow.received).toEqual(['RESYNC']);
    expect(streams.stats().streams).toBe(1);

    await pushAs(server.app, 'stationA1', 'persons', [
      { newDocumentState: live(personIn(TEST_UNITS.stationA1, 'p-fan-out-3')) },
    ]);
    await until(() => fast.received.length === 3);
    expect(fast.received[2]).toMatchObject({ documents: [{ id: 'p-fan-out-3' }] });
    fastStream.close();
  });

  it('gives a stream that joins later only what changed after it joined', async () => {
    const streams = streamsOf();
    const early = client();
    const earlyStream = await streams.open(targetOf('stationA1'), early);
    await pushAs(server.app, 'stationA1', 'persons', [
      { newDocumentState: live(personIn(TEST_UNITS.stationA1, 'p-fan-out-4')) },
    ]);
    await until(() => early.received.length === 2);
    const late = client();
    const lateStream = await streams.open(targetOf('stationA1'), late);
    await pushAs(server.app, 'stationA1', 'persons', [
      { newDocumentState: live(personIn(TEST_UNITS.stationA1, 'p-fan-out-5')) },
    ]);
    await until(() => early.received.length === 3 && late.received.length === 2);
    expect(late.received[1]).toMatchObject({ documents: [{ id: 'p-fan-out-5' }] });
    expect(early.received[2]).toMatchObject({ documents: [{ id: 'p-fan-out-5' }] });
    earlyStream.close();
    lateStream.close();
  });
});
