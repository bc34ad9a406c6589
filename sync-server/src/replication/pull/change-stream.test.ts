import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.ts';
import { testBackends } from '../../testing/test-databases.test-support.ts';
import { live, personIn, pushAs } from '../../record/domain-fixtures.test-support.ts';
import { serverSentEvents } from '../rxdb-http-replication.test-support.ts';
import {
  createReplicationTestApp,
  PRINCIPAL_HEADER,
  TEST_UNITS,
  type ReplicationTestApp,
  type TestPrincipalName,
} from '../../testing/replication-test-app.test-support.ts';

type Stream = { readonly messages: unknown[]; waitFor(count: number): Promise<void>; close(): void };

describe.each(testBackends)('the replication stream on $name', (backend) => {
  let database: DatabaseHandle;
  let server: ReplicationTestApp;
  let baseUrl = '';
  const open: Stream[] = [];

  beforeAll(async () => {
    database = await backend.open();
    server = await createReplicationTestApp({ database });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${String((server.app.server.address() as AddressInfo).port)}`;
  }, 60_000);
  afterAll(async () => {
    for (const stream of open) stream.close();
    await server.app.close();
    await database.close();
  });

  function connect(principal: TestPrincipalName, collection = 'persons'): Stream {
    const messages: unknown[] = [];
    const waiters: (() => void)[] = [];
    const subscription = serverSentEvents(`${baseUrl}/sync/${collection}/stream`, {
      [PRINCIPAL_HEADER]: principal,
    }).subscribe((message) => {
      messages.push(message);
      for (const wake of waiters.splice(0)) wake();
    });
    const stream: Stream = {
      messages,
      async waitFor(count) {
        const deadline = Date.now() + 5000;
        while (messages.length < count) {
          if (Date.now() > deadline)
            throw new Error(`stream got ${String(messages.length)} of ${String(count)}`);
          await new Promise<void>((resolve) => {
            waiters.push(resolve);
            setTimeout(resolve, 100);
          });
        }
      },
      close: () => {
        subscription.unsubscribe();
      },
    };
    open.push(stream);
    return stream;
  }

  const idsIn = (message: unknown) =>
    (message as { documents: { id: string }[] }).documents.map((document) => document.id);

  it('starts with RESYNC and then streams the new documents of its own scope only', async () => {
    const a1 = connect('stationA1');
    const b1 = connect('stationB1');
    await a1.waitFor(1);
    await b1.waitFor(1);
    expect(a1.messages).toEqual(['RESYNC']);
    expect(b1.messages).toEqual(['RESYNC']);

    const person = personIn(TEST_UNITS.stationA1, 'p-stream-a1');
    await pushAs(server.app, 'stationA1', 'persons', [{ newDocumentState: live(person) }]);
    await a1.waitFor(2);
    expect(a1.messages[1]).toEqual({
      documents: [live(person)],
      checkpoint: { seq: expect.any(Number) as number },
    });

    await pushAs(server.app, 'stationB1', 'persons', [
      { newDocumentState: live(personIn(TEST_UNITS.stationB1, 'p-stream-b1')) },
    ]);
    await b1.waitFor(2);
    expect(b1.messages.slice(1).flatMap(idsIn)).toEqual(['p-stream-b1']);
    expect(a1.messages.slice(1).flatMap(idsIn)).toEqual(['p-stream-a1']);
  });

  it('sends RESYNC again on every reconnect', async () => {
    const first = connect('stationA1');
    await first.waitFor(1);
    first.close();
    const again = connect('stationA1');
    await again.waitFor(1);
    expect(again.messages).toEqual(['RESYNC']);
  });

  it('refuses an unknown collection and an anonymous client before streaming', async () => {
    const unknown = await fetch(`${baseUrl}/sync/patients/stream`, {
      headers: { [PRINCIPAL_HEADER]: 'stationA1' },
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('collection-unknown');
    const anonymous = await fetch(`${baseUrl}/sync/persons/stream`);
    expect(anonymous.status).toBe(401);
  });
});
