import { defineIssues, type Issue } from '#shared/errors/issue.ts';
import {
  stationCommandArgs,
  type StationAnswer,
  type StationCommand,
} from '#shared/station-api/station-api.ts';
import { unknownCommandAnswer } from '../../station/core/station-handlers.ts';
import { STATION_IPC } from './station-ipc-channels.ts';

const issue = defineIssues({
  'ipc-sender-refused':
    'Yêu cầu không đến từ cửa sổ của ứng dụng trạm nên bị từ chối. Đóng các cửa sổ lạ và mở lại ứng dụng.',
  'station-args-invalid':
    'Dữ liệu gửi cho chức năng "{command}" không hợp lệ ({detail}). Kiểm tra lại rồi thử lại.',
});

/** The part of an `IpcMainInvokeEvent` the bridge trusts: the frame that sent the call. */
export type InvokeEvent = {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
};

/** What the bridge needs of `ipcMain`. */
export type IpcMainPort = {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
};

/** Where validated calls go: the supervised station core. */
export type StationCallTarget = {
  call<C extends StationCommand>(command: C, args: unknown): Promise<StationAnswer<C>>;
};

/** True when the sender is the app's own top frame (`app://station`), parsed — never matched by prefix. */
export function isTrustedSender(event: InvokeEvent, appOrigin: string): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    const app = new URL(appOrigin);
    return url.protocol === app.protocol && url.host === app.host;
  } catch {
    return false;
  }
}

function refused(first: Issue): StationAnswer<StationCommand> {
  return { ok: false, errors: [first] };
}

/**
 * Registers the station API on IPC (Electron security checklist §17). Every call is checked before it
 * reaches the core: the sender must be the app's top frame on `appOrigin` (not a subframe, not another page), the
 * command must be one of the station API's, and its arguments must pass that command's schema
 * (`stationCommandArgs`). Refusals are ordinary `StationAnswer`s with a Vietnamese issue; nothing is thrown to the page.
 */
export function registerStationIpc(
  ipc: IpcMainPort,
  deps: { core: StationCallTarget; appOrigin: string; log: (line: string) => void },
): void {
  ipc.handle(STATION_IPC.call, async (event, command, args) => {
    if (!isTrustedSender(event, deps.appOrigin)) {
      deps.log('IPC call refused: untrusted sender frame');
      return refused(issue('ipc-sender-refused'));
    }
    if (typeof command !== 'string' || !Object.hasOwn(stationCommandArgs, command)) {
      // Answered exactly as the core answers an unknown command.
      return unknownCommandAnswer(String(command).slice(0, 60));
    }
    const name = command as StationCommand;
    const parsed = stationCommandArgs[name].safeParse(args);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const detail = first === undefined ? '' : `${first.path.join('.') || 'gốc'}: ${first.message}`;
      return refused(issue('station-args-invalid', { command: name, detail }));
    }
    return deps.core.call(name, parsed.data);
  });
}
