/**
 * Dependency rules inside the sync server (DESIGN.md §3, "one level down"), checked by `npm run deps:check` over the
 * shipped code of `sync-server/src` (tests and their support files may compose anything):
 * - the replication engine (`replication/`: wire, push, pull, feed, store, and the one commit path) imports no
 *   feature; features build on it and `app/` composes them;
 * - no two folders import each other, directly or around a loop.
 */
const base = require('./.dependency-cruiser.cjs');

/** The folders of `sync-server/src` that are features built on the engine (everything but the engine and infrastructure). */
const FEATURES =
  'access-events|accounts|app|console|demo|devices|duplicates|health|health-ids|jobs|metrics|record|review|stations|updates';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'server-engine-imports-no-feature',
      comment: 'replication/ is the engine features build on: it never imports one (app/ composes them).',
      severity: 'error',
      from: { path: '^sync-server/src/replication/' },
      to: { path: `^sync-server/src/(${FEATURES})/` },
    },
    {
      name: 'server-no-folder-cycles',
      comment: 'Folders of the sync server form no cycle: a folder never depends on one that depends on it.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^sync-server/src/' },
      to: { circular: true },
    },
  ],
  // The top-level configuration's resolution, with tests and their support files left out.
  options: {
    ...base.options,
    exclude: { path: `\\.test(-support)?\\.ts$|${base.options.exclude.path}` },
  },
};
