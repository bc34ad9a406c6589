import { defineIssues } from '#shared/errors/issue.ts';
import { validateDocument } from '#shared/schemas/validate-document.ts';
import { stationCommandArgs, type StationAnswer } from '#shared/station-api/station-api.ts';
import type { StationCore } from './station-core.ts';
import { createEarlySubscriptions } from './early-subscriptions.ts';
import { answerIssues, refuseUnknownCommand } from './station-handlers.ts';
import { StationKeyError } from '../keys/station-key-error.ts';

const issue = defineIssues({
  'station-locked':
    'Dữ liệu của trạm đang khóa: máy này không có kho khóa an toàn của hệ điều hành, nên dữ liệu chỉ mở sau khi ' +
    'một nhân viên đã được cấp quyền trên máy đăng nhập. Hãy đăng nhập.',
});

/**
 * The station API of a station whose replica is still locked (weak machine slot): `session.status`
 * answers "not signed in" and `station.info` "locked", `session.login` opens the replica through the person's staff key slot (`unlock`, which
 * throws a `StationKeyError` for a wrong password or a person without a slot, answered as that issue) and then signs
 * them in on the opened core, which is closed again when that sign-in is refused; every other command is refused
 * with `station-locked` (a name the API does not have with `station-command-unknown`). Once unlocked, every call and event goes to the opened core. Events subscribed while locked are carried over.
 */
export function createLockedStationCore(deps: {
  unlock(userName: string, password: string): Promise<StationCore>;
}): StationCore & { isUnlocked(): boolean } {
  let core: StationCore | undefined;
  let unlocking: Promise<StationCore> | undefined;
  const early = createEarlySubscriptions(() => core);

  return {
    isUnlocked: () => core !== undefined,
    async call(command, args) {
      const unknown = refuseUnknownCommand(command);
      if (unknown !== undefined) return unknown;
      if (core !== undefined) return core.call(command, args);
      if (command === 'session.status')
        return { ok: true, value: { signedIn: false } } as StationAnswer<typeof command>;
      if (command === 'station.info')
        return { ok: true, value: { locked: true } } as StationAnswer<typeof command>;
      if (command !== 'session.login') return answerIssues([issue('station-locked')]);
      const parsed = validateDocument(stationCommandArgs['session.login'], args ?? {});
      if (!parsed.ok) return answerIssues(parsed.errors);
      try {
        // One unlock at a time: a second sign-in while the first opens the replica waits for it.
        unlocking ??= deps.unlock(parsed.value.userName, parsed.value.password);
        const opened = await unlocking;
        core = opened;
        early.attach(opened);
      } catch (thrown) {
        unlocking = undefined;
        if (thrown instanceof StationKeyError) return answerIssues([thrown.issue]);
        throw thrown;
      }
      const answer = await core.call(command, args);
      // A station not enrolled yet refuses every sign-in: it stays open for the person whose slot opened it, to enrol.
      if (!answer.ok && answer.errors[0]?.code !== 'station-not-enrolled') {
        // The slot opened the replica but the sign-in was refused (account locked or closed, wrong station): lock it
        // again rather than leave it open for nobody.
        const opened = core;
        core = undefined;
        unlocking = undefined;
        early.detach();
        await opened.close();
      }
      return answer;
    },
    subscribe: early.subscribe,
    async close() {
      await (core ?? (await unlocking?.catch(() => undefined)))?.close();
    },
  };
}
