import { defineIssues } from '#shared/errors/issue.ts';
import type { Result } from '#shared/errors/result.ts';
import { validateDocument } from '#shared/schemas/validate-document.ts';
import { stationCommandArgs, type StationAnswer } from '#shared/station-api/station-api.ts';
import type { StationCore } from './station-core.ts';
import { createEarlySubscriptions } from './early-subscriptions.ts';
import { answerIssues, refuseUnknownCommand } from './station-handlers.ts';

const issue = defineIssues({
  'station-not-enrolled':
    'Máy trạm chưa được đăng ký với máy chủ. Xin mã đăng ký một lần từ quản trị viên quận/huyện rồi nhập ở màn hình đăng ký máy trạm.',
});

/**
 * The station API of a station whose device is not enrolled yet (first start: device enrolment with the
 * admin's one-time code): `station.info` answers `enrolled: false` with the sync server's address, `session.status`
 * "not signed in", and `device.enrol` enrols with the code (`enrol`, which answers the server's issue when it
 * refuses) and opens the real core, from then on answering every call and event; every other command is refused
 * with `station-not-enrolled` (a name the API does not have with `station-command-unknown`). One enrolment at a time.
 */
export function createUnenrolledStationCore(deps: {
  serverUrl: string;
  appVersion: string;
  /** Enrols with the server at `serverUrl` (default the configured one) and opens the core that syncs with it. */
  enrol(code: string, label: string | undefined, serverUrl: string | undefined): Promise<Result<StationCore>>;
}): StationCore & { isEnrolled(): boolean } {
  let core: StationCore | undefined;
  let enrolling: Promise<Result<StationCore>> | undefined;
  const early = createEarlySubscriptions(() => core);
  const isEnrolled = () => core !== undefined;

  return {
    isEnrolled,
    async call(command, args) {
      const unknown = refuseUnknownCommand(command);
      if (unknown !== undefined) return unknown;
      if (core !== undefined) return core.call(command, args);
      if (command === 'session.status')
        return { ok: true, value: { signedIn: false } } as StationAnswer<typeof command>;
      if (command === 'station.info') {
        return {
          ok: true,
          value: { locked: false, enrolled: false, serverUrl: deps.serverUrl, appVersion: deps.appVersion },
        } as StationAnswer<typeof command>;
      }
      if (command !== 'device.enrol') return answerIssues([issue('station-not-enrolled')]);
      const parsed = validateDocument(stationCommandArgs['device.enrol'], args ?? {});
      if (!parsed.ok) return answerIssues(parsed.errors);
      enrolling ??= deps.enrol(parsed.value.code, parsed.value.label, parsed.value.serverUrl);
      const enrolled = await enrolling;
      enrolling = undefined;
      if (!enrolled.ok) return answerIssues(enrolled.errors);
      // Two enrolments at once share one: the second finds the core already open.
      if (!isEnrolled()) {
        core = enrolled.value;
        early.attach(enrolled.value);
      }
      return enrolled.value.call('station.info', {}) as Promise<StationAnswer<typeof command>>;
    },
    subscribe: early.subscribe,
    async close() {
      const pending = enrolling === undefined ? undefined : await enrolling;
      await (core ?? (pending?.ok === true ? pending.value : undefined))?.close();
    },
  };
}
