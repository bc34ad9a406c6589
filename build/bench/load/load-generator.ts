/**
 * A load-generator process of `npm run bench:load` (forked by `load.bench.ts`, never run on its own). In the
 * `traffic` role it sends one step's timetable open-loop: every request leaves when it is due, whether or not earlier
 * ones were answered, and its latency counts from its due time, so a slow server cannot slow the load down and hide
 * its own latency. In the `streams` role it holds the live `persons` streams. Both sign every request natively.
 */
import { performance } from 'node:perf_hooks';
import { collections } from '#shared/schemas/collections.ts';
import { serviceCollections } from '#shared/schemas/service-collections.ts';
import { formatHealthId } from '#shared/identifiers/health-id.ts';
import { SYNTHETIC_HEALTH_ID_FIRST_SERIAL } from '#shared/synthetic/synthetic-person.ts';
import { generateSyntheticPopulation } from '#shared/synthetic/synthetic-population.ts';
import type { LoadDevice } from './load-device.ts';
import { openLoopSchedule, type ScheduledRequest, type ScheduleOptions } from './open-loop-schedule.ts';
import { createDeviceSigner, holdStream, signedRequest, type DeviceSigner } from './signed-http.ts';

export type GeneratorInit = {
  readonly type: 'init';
  readonly role: 'traffic' | 'streams';
  readonly base: string;
  readonly devices: readonly LoadDevice[];
  /** streams role: how many devices (the first ones) hold a `persons` stream. */
  readonly streams: number;
};
export type GeneratorStep = { readonly type: 'step' } & Omit<ScheduleOptions, 'devices'>;

/** Raw outcome of one kind of request in a step: latencies (ms from due time) of answered requests, and failures. */
export type KindOutcome = {
  latencies: number[];
  /** HTTP status (or `timeout`, `network`) → count, for answers other than 200. */
  failures: Record<string, number>;
};
export type StepOutcome = {
  readonly type: 'result';
  readonly push: KindOutcome;
  readonly pull: KindOutcome;
  readonly status: KindOutcome;
  documentsOffered: number;
  documentsAccepted: number;
  conflicts: number;
  /** How late the generator itself fired requests (ms past due), p99: its own lag, to judge the figures by. */
  readonly fireLagP99: number;
};
export type StreamCounters = { messages: number; bytes: number; reconnects: number; open: number };

const TIMEOUT_MS = 30_000;
const PERSONS_VERSION = collections.persons.schema.version;
const STATUS_VERSION = serviceCollections['station-status'].schema.version;

type Person = Record<string, unknown> & { id: string };

type DeviceState = {
  readonly device: LoadDevice;
  readonly signer: DeviceSigner;
  /** Persons this device created, with the state the server holds (what its push sent, accepted as is). */
  readonly persons: Map<string, Person>;
  readonly inFlight: Set<string>;
  /** Fresh persons to create, generated before the step. */
  readonly fresh: Person[];
  checkpoint: number;
};

function send(message: unknown): void {
  process.send?.(message);
}

let healthIdSerial = SYNTHETIC_HEALTH_ID_FIRST_SERIAL + 5_000_000;
let stampCounter = 0;

function stampNow(node: string): string {
  return `${String(Date.now()).padStart(15, '0')}-${(stampCounter++ % 0xffffffff).toString(16).padStart(8, '0')}-${node}`;
}

function startTraffic(init: GeneratorInit) {
  const base = new URL(init.base);
  const populations = new Map<string, Iterator<{ person: Record<string, unknown> }>>();
  const states: DeviceState[] = init.devices.map((device) => ({
    device,
    signer: createDeviceSigner(device),
    persons: new Map(),
    inFlight: new Set(),
    fresh: [],
    checkpoint: 0,
  }));
  const populationOf = (device: LoadDevice) => {
    let population = populations.get(device.orgUnitId);
    if (population === undefined) {
      population = generateSyntheticPopulation({
        seed: populations.size,
        size: 10_000_000,
        referenceDate: '2026-11-26',
        stations: [
          {
            orgUnitId: device.orgUnitId,
            communeCode: device.communeCode,
            facilityCode: '01T01',
            communeKind: 'phuong',
          },
        ],
      })[Symbol.iterator]();
      populations.set(device.orgUnitId, population);
    }
    return population;
  };
  const freshPerson = (state: DeviceState): Person => {
    const next = populationOf(state.device).next();
    if (next.done === true) throw new Error('synthetic population exhausted');
    const person = next.value.person;
    return {
      ...person,
      id: `${state.device.orgUnitId}-${String(person['id'])}`,
      healthId: formatHealthId(healthIdSerial++),
      updatedBy: state.device.staffUserName,
    };
  };

  async function runStep(step: GeneratorStep): Promise<void> {
    const schedule = openLoopSchedule({ ...step, devices: states.length });
    // Every push could create only: enough fresh persons for that, made before the clock starts.
    for (const request of schedule) {
      if (request.kind !== 'push') continue;
      const state = states[request.device];
      if (state === undefined) continue;
      for (let i = 0; i < request.documents; i++) state.fresh.push(freshPerson(state));
    }
    const outcome: StepOutcome = {
      type: 'result',
      push: { latencies: [], failures: {} },
      pull: { latencies: [], failures: {} },
      status: { latencies: [], failures: {} },
      documentsOffered: 0,
      documentsAccepted: 0,
      conflicts: 0,
      fireLagP99: 0,
    };
    const lags: number[] = [];
    const inFlight = new Set<Promise<void>>();
    const started = performance.now();
    const track = (promise: Promise<void>) => {
      inFlight.add(promise);
      void promise.finally(() => inFlight.delete(promise));
    };
    const fail = (kind: KindOutcome, reason: string) => {
      kind.failures[reason] = (kind.failures[reason] ?? 0) + 1;
    };
    const timed = async (
      kind: KindOutcome,
      due: number,
      work: () => Promise<{ status: number; body: string }>,
      onOk: (body: string) => void,
    ) => {
      try {
        const answer = await work();
        if (answer.status === 200) {
          kind.latencies.push(performance.now() - (started + due));
          onOk(answer.body);
        } else fail(kind, String(answer.status));
      } catch (thrown) {
        fail(kind, thrown instanceof Error && thrown.message === 'timeout' ? 'timeout' : 'network');
      }
    };

    const fire = (request: ScheduledRequest) => {
      const state = states[request.device];
      if (state === undefined) return;
      if (request.kind === 'push') firePush(state, request.documents, request.at);
      else if (request.kind === 'pull') firePull(state, request.at);
      else fireStatus(state, request.at);
    };
    const firePush = (state: DeviceState, documents: number, due: number) => {
      const rows: { newDocumentState: Person; assumedMasterState?: Person }[] = [];
      for (let i = 0; i < documents; i++) {
        // 30% updates, of a person this device created and is not pushing right now.
        const updatable = state.persons.size > 0 && Math.random() < 0.3 ? pickIdle(state) : undefined;
        if (updatable !== undefined) {
          // Taken at once: the same push must not update one person twice from the same assumed state.
          state.inFlight.add(updatable.id);
          const at = new Date().toISOString();
          rows.push({
            assumedMasterState: { ...updatable, _deleted: false },
            newDocumentState: {
              ...updatable,
              phones: [`09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`],
              updatedAt: at,
              stamps: { ...(updatable['stamps'] as object), contact: stampNow(state.device.deviceId) },
              _deleted: false,
            },
          });
        } else {
          const person = state.fresh.pop() ?? freshPerson(state);
          rows.push({ newDocumentState: { ...person, _deleted: false } });
        }
      }
      for (const row of rows) state.inFlight.add(row.newDocumentState.id);
      outcome.documentsOffered += rows.length;
      const body = JSON.stringify(rows);
      track(
        timed(
          outcome.push,
          due,
          () =>
            signedRequest(base, state.signer, {
              method: 'POST',
              path: '/sync/persons/push',
              body,
              schemaVersion: PERSONS_VERSION,
              timeoutMs: TIMEOUT_MS,
            }),
          (answer) => {
            const conflicts = JSON.parse(answer) as Person[];
            outcome.conflicts += conflicts.length;
            outcome.documentsAccepted += rows.length - conflicts.length;
            const masters = new Map(conflicts.map((c) => [c.id, c]));
            for (const row of rows) {
              const { _deleted: _d, ...master } =
                masters.get(row.newDocumentState.id) ?? row.newDocumentState;
              state.persons.set(row.newDocumentState.id, master);
            }
          },
        ).finally(() => {
          for (const row of rows) state.inFlight.delete(row.newDocumentState.id);
        }),
      );
    };
    const firePull = (state: DeviceState, due: number) => {
      track(
        timed(
          outcome.pull,
          due,
          () =>
            signedRequest(base, state.signer, {
              method: 'GET',
              path: `/sync/persons/pull?checkpoint=${String(state.checkpoint)}&limit=100`,
              schemaVersion: PERSONS_VERSION,
              timeoutMs: TIMEOUT_MS,
            }),
          (answer) => {
            const page = JSON.parse(answer) as { checkpoint: { seq: number } };
            state.checkpoint = Math.max(state.checkpoint, page.checkpoint.seq);
          },
        ),
      );
    };
    const fireStatus = (state: DeviceState, due: number) => {
      const now = new Date().toISOString();
      const report = {
        id: state.device.deviceId,
        orgUnitId: state.device.orgUnitId,
        reportedAt: now,
        appVersion: '1.0.0',
        lastPullAt: now,
        lastPushAt: now,
        pendingChanges: 0,
        recordErrors: [],
        documentCounts: { persons: state.persons.size },
        databaseSizeBytes: 1_048_576,
        clockOffsetMs: 0,
        updatedBy: state.device.staffUserName,
        _deleted: false,
      };
      track(
        timed(
          outcome.status,
          due,
          () =>
            signedRequest(base, state.signer, {
              method: 'POST',
              path: '/sync/station-status/push',
              body: JSON.stringify([{ newDocumentState: report }]),
              schemaVersion: STATUS_VERSION,
              timeoutMs: TIMEOUT_MS,
            }),
          () => undefined,
        ),
      );
    };

    let next = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now() - started;
        for (; next < schedule.length; next++) {
          const request = schedule[next];
          if (request === undefined || request.at > now) break;
          lags.push(now - request.at);
          fire(request);
        }
        const upcoming = schedule[next];
        if (upcoming === undefined) resolve();
        else setTimeout(tick, Math.max(0, upcoming.at - (performance.now() - started)));
      };
      tick();
    });
    send({ type: 'scheduled' });
    while (inFlight.size > 0) await Promise.race(inFlight);
    lags.sort((a, b) => a - b);
    send({ ...outcome, fireLagP99: lags[Math.floor(lags.length * 0.99)] ?? 0 });
  }

  return runStep;
}

function pickIdle(state: DeviceState): Person | undefined {
  // A few random tries are enough: most persons are idle.
  const ids = [...state.persons.keys()];
  for (let tries = 0; tries < 4; tries++) {
    const id = ids[Math.floor(Math.random() * ids.length)];
    if (id !== undefined && !state.inFlight.has(id)) return state.persons.get(id);
  }
  return undefined;
}

function startStreams(init: GeneratorInit): StreamCounters {
  const base = new URL(init.base);
  const counters: StreamCounters = { messages: 0, bytes: 0, reconnects: 0, open: 0 };
  for (const device of init.devices.slice(0, init.streams)) {
    holdStream(base, createDeviceSigner(device), 'persons', PERSONS_VERSION, counters);
  }
  return counters;
}

let runStep: ((step: GeneratorStep) => Promise<void>) | undefined;
let counters: StreamCounters | undefined;
process.on('message', (message: GeneratorInit | GeneratorStep | { type: 'counters' } | { type: 'exit' }) => {
  if (message.type === 'init') {
    if (message.role === 'traffic') runStep = startTraffic(message);
    else counters = startStreams(message);
    send({ type: 'ready' });
  } else if (message.type === 'step') {
    runStep?.(message).catch((thrown: unknown) => {
      send({ type: 'failed', message: String(thrown) });
    });
  } else if (message.type === 'counters') {
    send({ type: 'counters', ...counters });
  } else {
    process.exit(0);
  }
});
