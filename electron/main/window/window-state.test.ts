import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWindowStateStore, DEFAULT_WINDOW_STATE } from './window-state.ts';

const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];

describe('the window state store', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hssk-window-'));
    file = join(dir, 'state', 'window.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('remembers size, position and maximised state across starts', async () => {
    await createWindowStateStore(file).save({ x: 100.4, y: 80, width: 1400, height: 900, maximized: false });
    expect(await createWindowStateStore(file).load(screen)).toEqual({
      x: 100,
      y: 80,
      width: 1400,
      height: 900,
      maximized: false,
    });
  });

  it('opens at the default size the first time and when the file is damaged', async () => {
    expect(await createWindowStateStore(file).load(screen)).toEqual(DEFAULT_WINDOW_STATE);
    const damaged = join(dir, 'damaged.json');
    await writeFile(damaged, '{"width": -5');
    expect(await createWindowStateStore(damaged).load(screen)).toEqual(DEFAULT_WINDOW_STATE);
    await writeFile(damaged, '{"width": 50, "height": 20, "maximized": false}');
    expect(await createWindowStateStore(damaged).load(screen)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('keeps the size but forgets a position that is on no display any more', async () => {
    const store = createWindowStateStore(file);
    await store.save({ x: 2500, y: 100, width: 1200, height: 800, maximized: false });
    expect(await store.load(screen)).toEqual({ width: 1200, height: 800, maximized: false });
    const twoScreens = [...screen, { x: 1920, y: 0, width: 1920, height: 1040 }];
    expect(await store.load(twoScreens)).toMatchObject({ x: 2500, y: 100 });
  });
});
