/**
 * `npm run bench:load`: the sync server under open-loop load, measured from outside. The real server
 * (`sync-server/src/main.ts`) runs as its own process on a throwaway PostgreSQL database; two generator processes
 * drive it: one holds a live `persons` stream per device, the other sends a fixed timetable of signed requests —
 * pushes of 1–3 residents (30% updates) at the offered rate from random devices, pulls from their checkpoints once a
 * second by 10 devices, a status report from every device every 5 minutes. Each request's latency counts from the
 * time it was due, so a slow server cannot slow the load down and hide its own latency. For each offered rate it
 * prints push and pull p50/p90/p99/p99.9/max, errors, and the CPU of the server, PostgreSQL and the generators
 * (1 core = 100%); then the knee: the highest rate with push and pull p99 under 500 ms and every request answered.
 *
 * Options: --rates 25,50,… (documents/s) --seconds 20 --devices 600 --communes 100 --streams 600 --pullers 10
 * --profile (CPU profile of the server, in its folder) --short (the CI variant: small, two short steps)
 * --server <checkout> (measure another checkout's server with the same load; repeat to compare, `.` is this one).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { benchAdminUrl } from '../throwaway-database.ts';
import { cpuSecondsOf, cpuSecondsOfAll } from './process-cpu.ts';
import type { GeneratorInit, GeneratorStep, StepOutcome, StreamCounters } from './load-generator.ts';
import { summarizeLatencies, type LatencySummary } from './latency-summary.ts';
import { seedLoadDevices } from './load-fixture.ts';
import { startLoadServer } from './load-server.ts';

const say = (line = '') => process.stdout.write(`${line}\n`);

const { values } = parseArgs({
  options: {
    rates: { type: 'string' },
    seconds: { type: 'string' },
    devices: { type: 'string' },
    communes: { type: 'string' },
    streams: { type: 'string' },
    pullers: { type: 'string' },
    profile: { type: 'boolean', default: false },
    short: { type: 'boolean', default: false },
    server: { type: 'string', multiple: true },
  },
});
const short = values.short;
const settings = {
  rates: (values.rates ?? (short ? '25,50' : '25,50,100,200,300,400,500,700,1000')).split(',').map(Number),
  seconds: Number(values.seconds ?? (short ? 4 : 20)),
  devices: Number(values.devices ?? (short ? 60 : 600)),
  communes: Number(values.communes ?? (short ? 10 : 100)),
  streams: Number(values.streams ?? (short ? 60 : 600)),
  pullers: Number(values.pullers ?? 10),
  statusEverySeconds: 300,
  profile: values.profile,
  servers: (values.server ?? ['.']).map((root) => resolve(root)),
};
/** Above this push p99 the server is past saturation: higher rates would only queue longer. */
const SATURATED_MS = 10_000;
const TARGET_MS = 500;

type StepRow = {
  offered: number;
  accepted: number;
  push: LatencySummary;
  pull: LatencySummary;
  status: LatencySummary;
  failures: string;
  conflicts: number;
  serverCpu: number;
  postgresCpu: number;
  generatorCpu: number;
  fireLagP99: number;
  streamMessages: number;
  reconnects: number;
};

function generatorProcess(): ChildProcess {
  return fork(new URL('./load-generator.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function nextMessage<T extends { type: string }>(process$: ChildProcess, type: T['type']): Promise<T> {
  return new Promise((resolveMessage, reject) => {
    const onMessage = (message: { type: string; message?: string }) => {
      if (message.type === 'failed') {
        process$.off('message', onMessage);
        reject(new Error(`load generator failed: ${String(message.message)}`));
      } else if (message.type === type) {
        process$.off('message', onMessage);
        resolveMessage(message as T);
      }
    };
    process$.on('message', onMessage);
  });
}

async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `hssk_load_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: benchAdminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(benchAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: benchAdminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

async function runLadder(root: string): Promise<StepRow[]> {
  const database = await createDatabase();
  const server = await startLoadServer({ root, databaseUrl: database.url, profile: settings.profile });
  const traffic = generatorProcess();
  const streams = generatorProcess();
  try {
    const devices = await seedLoadDevices({
      databaseUrl: database.url,
      base: server.base,
      communes: settings.communes,
      devices: settings.devices,
    });
    const init = { type: 'init', base: server.base, devices, streams: settings.streams } as const;
    traffic.send({ ...init, role: 'traffic' } satisfies GeneratorInit);
    streams.send({ ...init, role: 'streams' } satisfies GeneratorInit);
    await Promise.all([nextMessage(traffic, 'ready'), nextMessage(streams, 'ready')]);
    const counters = async () => {
      const answer = nextMessage<StreamCounters & { type: 'counters' }>(streams, 'counters');
      streams.send({ type: 'counters' });
      return answer;
    };
    for (const started = Date.now(); (await counters()).open < settings.streams;) {
      if (Date.now() - started > 60_000) throw new Error('the streams did not all open within a minute');
      await new Promise((r) => setTimeout(r, 200));
    }
    const rows: StepRow[] = [];
    let runOffsetSeconds = 0;
    for (const [i, rate] of settings.rates.entries()) {
      const generators = () => cpuSecondsOf(traffic.pid ?? 0) + cpuSecondsOf(streams.pid ?? 0);
      const before = {
        server: cpuSecondsOf(server.pid),
        postgres: cpuSecondsOfAll('postgres'),
        generators: generators(),
        at: performance.now(),
        streams: await counters(),
      };
      const scheduled = nextMessage(traffic, 'scheduled');
      const result = nextMessage<StepOutcome>(traffic, 'result');
      traffic.send({
        type: 'step',
        docsPerSecond: rate,
        seconds: settings.seconds,
        pullers: settings.pullers,
        statusEverySeconds: settings.statusEverySeconds,
        runOffsetSeconds,
        seed: 1000 + i,
      } satisfies GeneratorStep);
      await scheduled;
      const elapsed = (performance.now() - before.at) / 1000;
      const cpu = (now: number, then: number) => Math.round(((now - then) / elapsed) * 100);
      const serverCpu = cpu(cpuSecondsOf(server.pid), before.server);
      const postgresCpu = cpu(cpuSecondsOfAll('postgres'), before.postgres);
      const generatorCpu = cpu(generators(), before.generators);
      const outcome = await result;
      const after = await counters();
      runOffsetSeconds += settings.seconds;
      const failures = [outcome.push, outcome.pull, outcome.status]
        .flatMap((kind, k) =>
          Object.entries(kind.failures).map(
            ([why, n]) => `${['push', 'pull', 'status'][k] ?? ''} ${why}: ${String(n)}`,
          ),
        )
        .join(', ');
      const row: StepRow = {
        offered: rate,
        accepted: outcome.documentsAccepted / settings.seconds,
        push: summarizeLatencies(outcome.push.latencies),
        pull: summarizeLatencies(outcome.pull.latencies),
        status: summarizeLatencies(outcome.status.latencies),
        failures,
        conflicts: outcome.conflicts,
        serverCpu,
        postgresCpu,
        generatorCpu,
        fireLagP99: outcome.fireLagP99,
        streamMessages: (after.messages - before.streams.messages) / settings.seconds,
        reconnects: after.reconnects - before.streams.reconnects,
      };
      rows.push(row);
      printRow(row);
      if (row.push.p99 > SATURATED_MS || Object.keys(outcome.push.failures).length > 0) break;
      // Let the server settle (vacuum, checkpoints) before the next rate.
      await new Promise((r) => setTimeout(r, 2000));
    }
    return rows;
  } finally {
    traffic.kill();
    streams.kill();
    await server.stop();
    await database.drop();
    if (settings.profile) say(`server CPU profile and log: ${server.dir}`);
  }
}

const ms = (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${String(Math.round(n))} ms`);
const figures = (s: LatencySummary) =>
  [s.p50, s.p90, s.p99, s.p999, s.max].map((n) => ms(n).padStart(8)).join(' ');

function printHeader(): void {
  say(
    `${'offered'.padStart(8)} ${'accepted'.padStart(8)} | ${'push p50'.padStart(8)} ${'p90'.padStart(8)} ${'p99'.padStart(8)} ${'p99.9'.padStart(8)} ${'max'.padStart(8)} | ${'pull p50'.padStart(8)} ${'p90'.padStart(8)} ${'p99'.padStart(8)} ${'p99.9'.padStart(8)} ${'max'.padStart(8)} | ${'server'.padStart(6)} ${'pg'.padStart(5)} ${'gen'.padStart(5)} | ${'stream msg/s'.padStart(12)} | errors`,
  );
}

function printRow(r: StepRow): void {
  say(
    `${String(r.offered).padStart(8)} ${String(Math.round(r.accepted)).padStart(8)} | ${figures(r.push)} | ${figures(r.pull)} | ${`${String(r.serverCpu)}%`.padStart(6)} ${`${String(r.postgresCpu)}%`.padStart(5)} ${`${String(r.generatorCpu)}%`.padStart(5)} | ${String(Math.round(r.streamMessages)).padStart(12)} | ${[r.failures, r.conflicts > 0 ? `conflicts: ${String(r.conflicts)}` : '', r.reconnects > 0 ? `stream reconnects: ${String(r.reconnects)}` : '', r.fireLagP99 > 50 ? `generator late p99 ${ms(r.fireLagP99)}` : ''].filter(Boolean).join(', ') || 'none'}`,
  );
}

function kneeOf(rows: readonly StepRow[]): string {
  const within = rows.filter(
    (r) =>
      r.push.p99 < TARGET_MS && r.pull.p99 < TARGET_MS && r.failures === '' && r.accepted >= 0.95 * r.offered,
  );
  const best = within[within.length - 1];
  return best === undefined
    ? `below ${String(rows[0]?.offered ?? 0)} docs/s`
    : `${String(best.offered)} docs/s`;
}

say(
  `bench:load — open loop, ${String(settings.devices)} devices over ${String(settings.communes)} communes, ${String(settings.streams)} live persons streams, ${String(settings.pullers)} pullers (1/s), status every ${String(settings.statusEverySeconds)} s, ${String(settings.seconds)} s per rate; PostgreSQL; latency from each request's due time; CPU: 1 core = 100%`,
);
const results: { root: string; rows: StepRow[] }[] = [];
for (const root of settings.servers) {
  say(`\nserver: ${root}`);
  printHeader();
  results.push({ root, rows: await runLadder(root) });
}
say('');
for (const { root, rows } of results) {
  say(
    `knee (push and pull p99 < ${String(TARGET_MS)} ms, no errors, ≥ 95% accepted) of ${root}: ${kneeOf(rows)}`,
  );
}
