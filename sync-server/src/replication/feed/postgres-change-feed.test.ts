import { describe, expect, it } from 'vitest';
import type { ChangeNotice } from './change-feed.ts';
import { createPostgresChangeFeed } from './postgres-change-feed.ts';

const databaseUrl = process.env['DATABASE_URL'];
const silent = { warn: () => undefined };

/** Two server instances on one PostgreSQL database share change notices through LISTEN/NOTIFY. */
describe.runIf(databaseUrl !== undefined && databaseUrl !== '')('the PostgreSQL change feed', () => {
  it('delivers a notice published by one instance to the streams of another, and of itself', async () => {
    const connectionString = databaseUrl ?? '';
    const first = createPostgresChangeFeed({ connectionString, log: silent });
    const second = createPostgresChangeFeed({ connectionString, log: silent });
    try {
      await Promise.all([first.ready, second.ready]);
      const received = (feed: typeof first) =>
        new Promise<ChangeNotice>((resolve) => {
          const stop = feed.subscribe((notice) => {
            stop();
            resolve(notice);
          });
        });
      const onSecond = received(second);
      const onFirst = received(first);
      first.publish({ collection: 'persons', scopeUnitIds: ['tyt-a1'] });
      expect(await onSecond).toEqual({ collection: 'persons', scopeUnitIds: ['tyt-a1'] });
      expect(await onFirst).toEqual({ collection: 'persons', scopeUnitIds: ['tyt-a1'] });
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('sends a notice naming too many units to fit NOTIFY as one for every scope', async () => {
    const connectionString = databaseUrl ?? '';
    const feed = createPostgresChangeFeed({ connectionString, log: silent });
    try {
      await feed.ready;
      const got = new Promise<ChangeNotice>((resolve) => {
        feed.subscribe(resolve);
      });
      const units = Array.from({ length: 2000 }, (_, i) => `tyt-2025-${String(i).padStart(5, '0')}`);
      feed.publish({ collection: 'encounters', scopeUnitIds: units });
      expect(await got).toEqual({ collection: 'encounters', scopeUnitIds: [] });
    } finally {
      await feed.close();
    }
  });
});
