import { defineIssues, type Issue } from '#shared/errors/issue.ts';
import type { Result } from '#shared/errors/result.ts';
import {
  stationCommandArgs,
  type StationAnswer,
  type StationCommand,
  type StationCommandArgs,
} from '#shared/station-api/station-api.ts';
import type { StationSession } from '../services/station-session.ts';

const issue = defineIssues({
  'station-command-unknown':
    'Chức năng "{command}" không có trên máy trạm. Cập nhật phần mềm hoặc báo bộ phận CNTT.',
});

/** The answer to a command name the station API does not have, as every core state and transport gives it. */
export function unknownCommandAnswer(command: string): {
  readonly ok: false;
  readonly errors: readonly Issue[];
} {
  return answerIssues([issue('station-command-unknown', { command })]);
}

/**
 * `unknownCommandAnswer` for a name the station API does not have, or undefined for one it has. Every core state
 * checks it first, so an unknown command is answered the same whether the station is open, locked or not enrolled.
 */
export function refuseUnknownCommand(
  command: string,
): { readonly ok: false; readonly errors: readonly Issue[] } | undefined {
  return Object.hasOwn(stationCommandArgs, command) ? undefined : unknownCommandAnswer(command);
}

/** The handler of each command in `C`: it receives the parsed arguments and answers that command's result or issues. */
export type StationHandlers<C extends StationCommand> = {
  readonly [K in C]: (args: StationCommandArgs<K>) => Promise<StationAnswer<K>>;
};

/** A successful answer; the handler's type checks `value` against its command's result. */
export function answerValue<V>(value: V): { readonly ok: true; readonly value: V } {
  return { ok: true, value };
}

/** A refusal, with the issues that say why. */
export function answerIssues(errors: readonly Issue[]): {
  readonly ok: false;
  readonly errors: readonly Issue[];
} {
  return { ok: false, errors };
}

/**
 * A service's `Result` as a command's answer: on success its value (and warnings) made into the command's result,
 * on failure its issues unchanged.
 */
export function answerOf<T, V>(
  result: Result<T>,
  toValue: (value: T, warnings: readonly Issue[]) => V,
): { readonly ok: true; readonly value: V } | { readonly ok: false; readonly errors: readonly Issue[] } {
  return result.ok ? answerValue(toValue(result.value, result.warnings)) : answerIssues(result.errors);
}

/**
 * `handlers` that answer only while a staff member is signed in and may work (no password change pending); otherwise
 * every one of them answers the session's issue without running.
 */
export function whileWorking<C extends StationCommand>(
  session: Pick<StationSession, 'requireWorking'>,
  handlers: StationHandlers<C>,
): StationHandlers<C> {
  const guarded: Partial<Record<C, (args: never) => Promise<StationAnswer<C>>>> = {};
  for (const command of Object.keys(handlers) as C[]) {
    const handler = handlers[command] as (args: unknown) => Promise<StationAnswer<C>>;
    guarded[command] = (args: unknown) => {
      const account = session.requireWorking();
      return account.ok ? handler(args) : Promise.resolve(answerIssues(account.errors));
    };
  }
  return guarded as unknown as StationHandlers<C>;
}
