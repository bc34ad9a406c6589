import { isAbsolute } from 'node:path';
import type { IpcMainPort } from './station-ipc-bridge.ts';
import { isTrustedSender } from './station-ipc-bridge.ts';
import { STATION_IPC } from './station-ipc-channels.ts';

/** What the picker needs of Electron's `dialog.showOpenDialog` (bound to the station window). */
export type ShowOpenDialog = (options: {
  title: string;
  properties: ('openDirectory' | 'createDirectory' | 'promptToCreate' | 'dontAddToRecent')[];
}) => Promise<{ canceled: boolean; filePaths: string[] }>;

/** Longest title the page may give the dialog. */
const MAX_TITLE = 120;

/**
 * Answers the page's `pickFolder(title)` with the system's folder dialog: the chosen absolute path, or null when
 * cancelled, when the caller is not the app's top frame, or when the title is not a short string. The page never
 * learns anything else about the disk.
 */
export function registerFolderPicker(
  ipc: IpcMainPort,
  deps: { appOrigin: string; showOpenDialog: ShowOpenDialog; log: (line: string) => void },
): void {
  ipc.handle(STATION_IPC.pickFolder, async (event, title) => {
    if (!isTrustedSender(event, deps.appOrigin)) {
      deps.log('Folder picker refused: untrusted sender frame');
      return null;
    }
    if (typeof title !== 'string' || title.length > MAX_TITLE) return null;
    const answer = await deps.showOpenDialog({
      title,
      properties: ['openDirectory', 'createDirectory', 'promptToCreate', 'dontAddToRecent'],
    });
    const [folder] = answer.filePaths;
    return answer.canceled || folder === undefined || !isAbsolute(folder) ? null : folder;
  });
}
