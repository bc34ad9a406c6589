import { join } from 'node:path';
import { toError } from '#shared/errors/to-error.ts';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { parseServerConfig, type ServerConfig } from './server-config.ts';
import { loadServerSecrets, type ServerSecrets } from './server-secrets.ts';

/** What an operator's command (`npm run audit:verify`, `npm run duplicates:rescan`) works on. */
export type ServerCommandContext = {
  readonly config: ServerConfig;
  readonly secrets: ServerSecrets;
  readonly database: DatabaseHandle;
  /** One line of the command's output. */
  readonly say: (line: string) => void;
};

/**
 * Runs an operator's command against the server's configured database (DATABASE_URL, or the embedded PGlite in
 * HSSK_DATA_DIR — with PGlite the server must be stopped, it has one writer) with the server's secrets, and sets the
 * process exit code: what `command` returns, or 2 when it could not run (bad configuration, unreadable secrets, a
 * failure), after one line starting with `failure` that says why. The database is closed in every case.
 */
export function runServerCommand(
  failure: string,
  command: (context: ServerCommandContext) => Promise<number>,
): void {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const run = async (): Promise<number> => {
    const config = parseServerConfig(process.env);
    if (!config.ok) {
      say(config.errors.map((e) => e.message).join('\n'));
      return 2;
    }
    const secrets = await loadServerSecrets(config.value);
    if (!secrets.ok) {
      say(secrets.errors.map((e) => e.message).join('\n'));
      return 2;
    }
    const database = await openDatabase({
      databaseUrl: config.value.databaseUrl,
      pgliteDir: join(config.value.dataDir, 'pglite'),
    });
    try {
      return await command({ config: config.value, secrets: secrets.value, database, say });
    } finally {
      await database.close();
    }
  };
  run().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      say(`${failure}: ${toError(e).message}`);
      process.exitCode = 2;
    },
  );
}
