import { afterAll, describe, expect, it } from 'vitest';
import { createInProcessChangeFeed, type ChangeFeed, type ChangeNotice } from './change-feed.ts';
import { createPostgresChangeFeed } from './postgres-change-feed.ts';

const databaseUrl = process.env['DATABASE_URL'];
const silent = { warn: () => undefined };

type Adapter = { name: string; open(): Promise<ChangeFeed & { close?(): Promise<void> }> };

const adapters: Adapter[] = [
  { name: 'in-process', open: async () => createInProcessChangeFeed() },
  ...(databaseUrl === undefined || databaseUrl === ''
    ? []
    : [
        {
          name: 'PostgreSQL LISTEN/NOTIFY',
          async open() {
            const feed = createPostgresChangeFeed({ connectionString: databaseUrl, log: silent });
            await feed.ready;
            return feed;
          },
        },
      ]),
];

/** The next notice `feed` hands to a new subscriber (which then unsubscribes). */
const nextNotice = (feed: ChangeFeed) =>
  new Promise<ChangeNotice>((resolve) => {
    const stop = feed.subscribe((notice) => {
      stop();
      resolve(notice);
    });
  });

/** What every change feed promises the replication streams, whichever adapter carries it. */
describe.each(adapters)('the change feed contract: $name', (adapter) => {
  const opened: (ChangeFeed & { close?(): Promise<void> })[] = [];
  const open = async () => {
    const feed = await adapter.open();
    opened.push(feed);
    return feed;
  };
  afterAll(async () => {
    for (const feed of opened) await feed.close?.();
  });

  it('hands a published notice, as published, to every subscriber', async () => {
    const feed = await open();
    const first = nextNotice(feed);
    const second = nextNotice(feed);
    feed.publish({ collection: 'persons', scopeUnitIds: ['tyt-a1', 'tyt-a2'] });
    const expected = { collection: 'persons', scopeUnitIds: ['tyt-a1', 'tyt-a2'] };
    expect(await first).toEqual(expected);
    expect(await second).toEqual(expected);
  });

  it('keeps "every scope" (no units) as it is', async () => {
    const feed = await open();
    const got = nextNotice(feed);
    feed.publish({ collection: 'encounters', scopeUnitIds: [] });
    expect(await got).toEqual({ collection: 'encounters', scopeUnitIds: [] });
  });

  it('counts the same listener subscribed twice as two subscriptions, and stops one on unsubscribe', async () => {
    const feed = await open();
    const seen: string[] = [];
    const listener = (notice: ChangeNotice) => seen.push(notice.collection);
    const stopFirst = feed.subscribe(listener);
    const stopSecond = feed.subscribe(listener);
    const once = nextNotice(feed);
    feed.publish({ collection: 'immunizations', scopeUnitIds: ['tyt-b1'] });
    await once;
    expect(seen).toEqual(['immunizations', 'immunizations']);

    stopFirst();
    const again = nextNotice(feed);
    feed.publish({ collection: 'persons', scopeUnitIds: ['tyt-b1'] });
    await again;
    expect(seen).toEqual(['immunizations', 'immunizations', 'persons']);

    stopSecond();
    const last = nextNotice(feed);
    feed.publish({ collection: 'encounters', scopeUnitIds: ['tyt-b1'] });
    await last;
    expect(seen).toEqual(['immunizations', 'immunizations', 'persons']);
  });
});
