/**
 * `npm run bench:station` (first-sync part): a fresh station's first sync from a sync server on PostgreSQL holding one
 * commune of 30,000 residents with 150,000 encounters and 300,000 immunizations (synthetic, seeded straight into the
 * authoritative record). The station runs the real replication client (signed requests, page runs, compression)
 * into the real encrypted SQLite replica. Prints the seeding time, the first-sync time and documents/s; asserts
 * nothing. Target: under 3 minutes on a 2-core machine. The server runs in a process of its own (as on another
 * machine), so the station and the server each have a core.
 *
 * With `--link`, the same commune is synced through an emulated rural link (`link/throttled-link.ts`: one byte
 * budget per direction, a fixed one-way delay, optional periodic cuts) in several variants, each from a fresh
 * station, and one table compares them on each link:
 *   new           compressed answers and bodies, page runs (what the station does)
 *   uncompressed  page runs without compression (what compression saves, on the same link)
 *   before        one pull request per page, uncompressed (the way before page runs and compression)
 * Links: loopback (no proxy: the CPU cost of compression), 10mbit (10 Mbit/s each way, 25 ms one way),
 * 2mbit (2 Mbit/s each way, 150 ms one way, every connection cut every 2 minutes or `--cut-every`).
 *
 *   --residents N        scale the commune (5 encounters and 10 immunizations per resident; default 30000)
 *   --batch N            documents per page before the link's rate is measured, and per push (default 1000)
 *   --link               run the link comparison
 *   --links a,b          which links (default loopback,10mbit,2mbit)
 *   --variants a,b       which variants (default new,uncompressed,before)
 *   --cut-every S        the 2mbit link's cut period in seconds (default 120)
 */
import { cpuSecondsOf } from './load/process-cpu.ts';
import { startSeededCommuneServerProcess } from './first-sync/seeded-commune-server.ts';
import { freshStationFirstSync, type FirstSyncFigures } from './first-sync/fresh-station-first-sync.ts';
import { startThrottledLink, type LinkProfile } from './link/throttled-link.ts';

const say = (line = '') => process.stdout.write(`${line}\n`);
const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const listArgument = (name: string, fallback: readonly string[]) => {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? process.argv[index + 1] : undefined;
  return value === undefined ? fallback : value.split(',').filter((item) => item.length > 0);
};

const cutEverySeconds = argument('--cut-every', 120);
const links: Readonly<Record<string, LinkProfile | undefined>> = {
  loopback: undefined,
  /** The proxy with no limits that matter: what the emulation itself costs. */
  proxy: { downBitsPerSecond: 10_000_000_000, upBitsPerSecond: 10_000_000_000, delayMs: 0 },
  '10mbit': { downBitsPerSecond: 10_000_000, upBitsPerSecond: 10_000_000, delayMs: 25 },
  '2mbit': {
    downBitsPerSecond: 2_000_000,
    upBitsPerSecond: 2_000_000,
    delayMs: 150,
    cutEveryMs: cutEverySeconds * 1000,
  },
};
const variants = {
  new: { compression: true, singlePages: false },
  uncompressed: { compression: false, singlePages: false },
  before: { compression: false, singlePages: true },
} as const;
type VariantName = keyof typeof variants;

const residents = argument('--residents', 30_000);
const batchSize = argument('--batch', 1000);
const withLinks = process.argv.includes('--link');

type Row = FirstSyncFigures & {
  readonly link: string;
  readonly variant: VariantName;
  /** CPU seconds of the server's process during the sync (PostgreSQL's not counted). */
  readonly serverCpuSeconds: number;
  readonly down: number | null;
  readonly up: number | null;
  readonly cuts: number;
};

const megabytes = (bytes: number | null) => (bytes === null ? '—' : (bytes / 1e6).toFixed(1));

async function main(): Promise<void> {
  const server = await startSeededCommuneServerProcess(residents);
  try {
    const { counts, total } = server;
    say(`# bench:station — first sync of a fresh station (PostgreSQL server, encrypted SQLite replica)`);
    say(
      `seeded ${String(counts.persons)} residents, ${String(counts.encounters)} encounters, ` +
        `${String(counts.immunizations)} immunizations (${String(total)} documents) in ${server.seedSeconds.toFixed(1)} s`,
    );
    const runOnce = async (link: string, variant: VariantName): Promise<Row> => {
      const profile = links[link];
      const proxy =
        profile === undefined ? undefined : await startThrottledLink(new URL(server.baseUrl), profile);
      try {
        const serverCpuBefore = cpuSecondsOf(server.pid);
        const figures = await freshStationFirstSync({
          baseUrl: proxy?.url ?? server.baseUrl,
          orgUnitId: server.orgUnitId,
          device: server.device,
          batchSize,
          ...variants[variant],
          onProgress: (seconds, received) => {
            say(
              `  ${link}/${variant} ${seconds.toFixed(0)} s: ${String(received)} / ${String(total)} documents`,
            );
          },
        });
        const received = figures.local.persons + figures.local.encounters + figures.local.immunizations;
        if (received !== total)
          say(`  ! ${link}/${variant}: the replica holds ${String(received)} of ${String(total)}`);
        return {
          ...figures,
          link,
          variant,
          serverCpuSeconds: cpuSecondsOf(server.pid) - serverCpuBefore,
          down: proxy?.bytes().down ?? null,
          up: proxy?.bytes().up ?? null,
          cuts: proxy?.connections().cuts ?? 0,
        };
      } finally {
        await proxy?.close();
      }
    };

    if (!withLinks) {
      const row = await runOnce('loopback', 'new');
      say(
        `first sync: ${row.seconds.toFixed(1)} s for ${String(total)} documents = ${(total / row.seconds).toFixed(0)} documents/s ` +
          `(batch ${String(batchSize)}; target < 180 s: ${row.seconds < 180 ? 'met' : 'NOT met'})`,
      );
      say(
        `replica holds ${String(row.local.persons)} residents, ${String(row.local.encounters)} encounters, ` +
          `${String(row.local.immunizations)} immunizations`,
      );
      return;
    }

    const rows: Row[] = [];
    for (const link of listArgument('--links', Object.keys(links))) {
      if (!(link in links)) throw new Error(`unknown link ${link}`);
      for (const variant of listArgument('--variants', Object.keys(variants))) {
        if (!(variant in variants)) throw new Error(`unknown variant ${variant}`);
        say(`- ${link} / ${variant}…`);
        rows.push(await runOnce(link, variant as VariantName));
      }
    }
    say();
    say(
      `| link | variant | time | docs/s | MB down | MB up | B/doc down | CPU s station | CPU s server | cuts | failed rounds | time vs uncompressed | time vs before |`,
    );
    say(`|---|---|---|---|---|---|---|---|---|---|---|---|---|`);
    for (const row of rows) {
      const same = (variant: VariantName) => rows.find((r) => r.link === row.link && r.variant === variant);
      const ratio = (other: Row | undefined) =>
        other === undefined || other === row ? '—' : `${(row.seconds / other.seconds).toFixed(2)}×`;
      say(
        `| ${row.link} | ${row.variant} | ${row.seconds.toFixed(1)} s | ${(total / row.seconds).toFixed(0)} | ` +
          `${megabytes(row.down)} | ${megabytes(row.up)} | ${row.down === null ? '—' : (row.down / total).toFixed(0)} | ` +
          `${row.cpuSeconds.toFixed(1)} | ${row.serverCpuSeconds.toFixed(1)} | ${String(row.cuts)} | ${String(row.failedRounds)} | ` +
          `${ratio(same('uncompressed'))} | ${ratio(same('before'))} |`,
      );
    }
  } finally {
    await server.close();
  }
}

await main();
