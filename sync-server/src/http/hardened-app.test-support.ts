import type { FastifyInstance } from 'fastify';
import nacl from 'tweetnacl';
import { changePassword, cheapHasher, login } from '../accounts/accounts-app.test-support.ts';
import { createInitialCityAdmin } from '../accounts/create-initial-city-admin.ts';
import { buildApp, type AppDependencies } from '../app/build-app.ts';
import { createAuditLog } from '../audit/audit-log.ts';
import { createSessionTokens } from '../auth/session-tokens.ts';
import { createDocumentCipher } from '../crypto/document-cipher.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { seedOrgUnits } from '../org-units/seed-org-units.ts';
import type { TestBackend } from '../testing/test-databases.test-support.ts';

/** The whole app as production composes it (accounts, devices, replication, duplicate review) on a test backend. */
export type HardenedTestApp = {
  readonly app: FastifyInstance;
  readonly database: DatabaseHandle;
  /** The first city admin, signed in with a changed password. */
  readonly admin: { readonly userName: string; readonly password: string; readonly token: string };
  /** Every log line the app wrote (level trace). */
  readonly logLines: string[];
  close(): Promise<void>;
};

export async function startHardenedApp(
  backend: TestBackend,
  options: Pick<AppDependencies, 'rateLimits'> & { readonly streamHeartbeatMs?: number } = {},
): Promise<HardenedTestApp> {
  const database = await backend.open();
  const clock = { now: () => new Date() };
  const audit = createAuditLog({ signingSecretKey: nacl.sign.keyPair().secretKey, clock });
  await seedOrgUnits(database.db);
  const initial = await createInitialCityAdmin({ db: database.db, audit, clock, hasher: cheapHasher });
  if (initial === null) throw new Error('fresh database already had a city admin');
  const logLines: string[] = [];
  const app = await buildApp({
    database,
    clock,
    audit,
    bodyLimit: 256 * 1024,
    logLevel: 'trace',
    logStream: { write: (line) => logLines.push(line) },
    accounts: { passwordHasher: cheapHasher, sessionTokens: createSessionTokens({ clock }) },
    replication: {
      cipher: createDocumentCipher(new Map([['k1', nacl.randomBytes(nacl.secretbox.keyLength)]])),
      blindIndexKey: nacl.randomBytes(32),
      streamHeartbeatMs: options.streamHeartbeatMs ?? 60_000,
    },
    ...(options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits }),
  });
  await app.ready();
  const first = await login(app, initial.account.userName, initial.initialPassword);
  const password = 'Ngõ-Hàng-Bạc#7391-Tây';
  const changed = await changePassword(app, first, initial.initialPassword, password);
  if (changed.statusCode !== 200)
    throw new Error(`the first admin's password change failed: ${changed.body}`);
  const token = await login(app, initial.account.userName, password);
  return {
    app,
    database,
    admin: { userName: initial.account.userName, password, token },
    logLines,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
