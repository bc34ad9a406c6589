import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { WindowBounds } from '../security/window-options.ts';

const savedState = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = WindowBounds & { maximized: boolean };

/** A display's usable area, as `screen.getAllDisplays()[i].workArea` gives it. */
export type WorkArea = { x: number; y: number; width: number; height: number };

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: true };

/** True when at least a 100×50 corner of the window (its title bar) lies on one of the displays. */
function visible(state: WindowState, displays: readonly WorkArea[]): boolean {
  if (state.x === undefined || state.y === undefined) return true;
  const { x, y } = state;
  return displays.some(
    (d) => x + 100 <= d.x + d.width && x + state.width - 100 >= d.x && y >= d.y && y + 50 <= d.y + d.height,
  );
}

/**
 * Remembers the station window's size, position and maximised state in `file`. Anything unreadable
 * gives the default; a position that is no longer on any display (a monitor unplugged) is dropped so the window
 * opens centred at its remembered size. Saves are atomic (temp file + rename).
 */
export function createWindowStateStore(file: string) {
  return {
    async load(displays: readonly WorkArea[]): Promise<WindowState> {
      let json: unknown;
      try {
        json = JSON.parse(await readFile(file, 'utf8'));
      } catch {
        return DEFAULT_WINDOW_STATE;
      }
      const parsed = savedState.safeParse(json);
      if (!parsed.success) return DEFAULT_WINDOW_STATE;
      const { x, y, width, height, maximized } = parsed.data;
      const state: WindowState = {
        width,
        height,
        maximized,
        ...(x === undefined || y === undefined ? {} : { x, y }),
      };
      if (visible(state, displays)) return state;
      return { width: state.width, height: state.height, maximized: state.maximized };
    },
    async save(state: WindowState): Promise<void> {
      const parsed = savedState.safeParse({
        ...state,
        ...(state.x === undefined ? {} : { x: Math.round(state.x) }),
        ...(state.y === undefined ? {} : { y: Math.round(state.y) }),
        width: Math.round(state.width),
        height: Math.round(state.height),
      });
      if (!parsed.success) return;
      await mkdir(dirname(file), { recursive: true });
      const temp = `${file}.tmp`;
      await writeFile(temp, JSON.stringify(parsed.data));
      await rename(temp, file);
    },
  };
}
