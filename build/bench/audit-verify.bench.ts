/**
 * `npm run bench:audit`: verifying the audit chain on PostgreSQL (DATABASE_URL, default the local server). Appends
 * N signed entries, then verifies the whole chain as the server does (pages from the database, hashes and native
 * Ed25519 signatures on a worker thread), an incremental verification of the last 1 % appended since, and — the floor,
 * measured in the same run — the former way: every signature with pure-JavaScript Ed25519 (tweetnacl) on the main
 * thread. Prints entries per second, the longest event-loop stall of each, and ratios; asserts nothing.
 * `--entries=<n>` (default 20000).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { asc } from 'drizzle-orm';
import nacl from 'tweetnacl';
import { createAuditLog } from '#sync-server/src/audit/audit-log.ts';
import { auditLog } from '#sync-server/src/db/schema/audit.ts';
import { openThrowawayDatabase } from './throwaway-database.ts';

const entries = Number(
  /^--entries=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--entries=')) ?? '')?.[1] ?? 20_000,
);
const keys = nacl.sign.keyPair();
const audit = createAuditLog({ signingSecretKey: keys.secretKey, clock: { now: () => new Date() } });
const database = await openThrowawayDatabase();

/** Runs `work`, returning its seconds and the longest event-loop stall (ms) while it ran. */
async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; stallMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  const value = await work();
  const seconds = (performance.now() - started) / 1000;
  delay.disable();
  return { value, seconds, stallMs: delay.max / 1e6 };
}

try {
  const appended = await timed(async () => {
    for (let start = 0; start < entries; start += 500) {
      await database.db.transaction(async (tx) => {
        for (let i = start; i < Math.min(entries, start + 500); i++) {
          await audit.append(tx, { action: 'login', actorAccountId: `acc-${String(i % 97)}`, detail: { i } });
        }
      });
    }
  });
  const full = await timed(() => audit.verify(database.db));
  if (!full.value.ok) throw new Error('the chain did not verify');
  const extra = Math.max(1, Math.floor(entries / 100));
  for (let i = 0; i < extra; i++) await audit.append(database.db, { action: 'login', detail: { extra: i } });
  const incremental = await timed(() => audit.verify(database.db, full.value.last));
  if (!incremental.value.ok) throw new Error('the incremental verification failed');
  // The floor: what verification did before, signatures checked with tweetnacl on the main thread.
  const floor = await timed(async () => {
    let checked = 0;
    for (let after = 0; ;) {
      const rows = await database.db
        .select({ seq: auditLog.seq, hash: auditLog.hash, signature: auditLog.signature })
        .from(auditLog)
        .orderBy(asc(auditLog.seq))
        .limit(1000)
        .offset(after);
      for (const row of rows) {
        if (
          row.signature !== null &&
          row.hash !== null &&
          nacl.sign.detached.verify(
            Buffer.from(row.hash, 'hex'),
            Buffer.from(row.signature, 'base64'),
            keys.publicKey,
          )
        )
          checked++;
      }
      if (rows.length < 1000) break;
      after += rows.length;
    }
    return checked;
  });
  const total = entries + extra;
  const line = (name: string, count: number, run: { seconds: number; stallMs: number }) =>
    `${name.padEnd(58)} ${String(count).padStart(7)} entries  ${(count / run.seconds).toFixed(0).padStart(8)} /s  ${run.seconds.toFixed(2).padStart(7)} s  longest stall ${run.stallMs.toFixed(0).padStart(6)} ms`;
  process.stdout.write(`audit chain verification, PostgreSQL, ${String(entries)} entries\n`);
  process.stdout.write(`${line('append (native Ed25519 signatures)', entries, appended)}\n`);
  process.stdout.write(`${line('verify all (worker thread, native Ed25519)', entries, full)}\n`);
  process.stdout.write(`${line('verify the 1 % appended since (incremental)', extra, incremental)}\n`);
  process.stdout.write(
    `${line('floor: signatures only, tweetnacl on the main thread', floor.value, floor)}\n`,
  );
  process.stdout.write(
    `ratios: full verification ${(floor.seconds / full.seconds).toFixed(1)}× faster than the floor's signatures alone; ` +
      `incremental ${(full.seconds / incremental.seconds).toFixed(0)}× faster than full; ` +
      `longest stall ${full.stallMs.toFixed(0)} ms vs ${floor.stallMs.toFixed(0)} ms (${String(total)} entries in the chain)\n`,
  );
} finally {
  await database.close();
}
