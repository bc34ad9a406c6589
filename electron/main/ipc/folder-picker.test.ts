import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../protocol/app-protocol.ts';
import { registerFolderPicker, type ShowOpenDialog } from './folder-picker.ts';
import type { InvokeEvent } from './station-ipc-bridge.ts';
import { STATION_IPC } from './station-ipc-channels.ts';

function picker(answer: { canceled: boolean; filePaths: string[] }) {
  const handlers = new Map<string, (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>>();
  const asked: Parameters<ShowOpenDialog>[0][] = [];
  registerFolderPicker(
    { handle: (channel, listener) => handlers.set(channel, listener) },
    {
      appOrigin: APP_ORIGIN,
      log: () => undefined,
      showOpenDialog: async (options) => {
        asked.push(options);
        return answer;
      },
    },
  );
  const handler = handlers.get(STATION_IPC.pickFolder);
  if (handler === undefined) throw new Error('no handler');
  return { handler, asked };
}
const top: InvokeEvent = { senderFrame: { url: 'app://station/settings', parent: null } };

describe('the folder picker (with a fake dialog: Electron cannot run here)', () => {
  it('answers the folder chosen in the system dialog, which may create one', async () => {
    const { handler, asked } = picker({ canceled: false, filePaths: ['/media/usb/SaoLuu'] });
    expect(await handler(top, 'Chọn thư mục sao lưu')).toBe('/media/usb/SaoLuu');
    expect(asked).toEqual([
      {
        title: 'Chọn thư mục sao lưu',
        properties: ['openDirectory', 'createDirectory', 'promptToCreate', 'dontAddToRecent'],
      },
    ]);
  });

  it('answers null when cancelled, for a relative path, or to a caller that is not the app', async () => {
    expect(await picker({ canceled: true, filePaths: [] }).handler(top, 'x')).toBeNull();
    expect(await picker({ canceled: false, filePaths: ['SaoLuu'] }).handler(top, 'x')).toBeNull();
    const outsider = picker({ canceled: false, filePaths: ['/tmp'] });
    expect(
      await outsider.handler({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'x'),
    ).toBeNull();
    expect(await outsider.handler(top, 42)).toBeNull();
    expect(outsider.asked).toHaveLength(0);
  });
});
