import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkNativeModuleAbi } from './native-abi.ts';

describe('checkNativeModuleAbi', () => {
  it('accepts a module built for the ABI and refuses a Node build posing as an Electron rebuild', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hssk-abi-'));
    try {
      const electronBuild = join(dir, 'electron.node');
      const nodeBuild = join(dir, 'node.node');
      await writeFile(electronBuild, Buffer.from('\x7fELF...node_register_module_v145\0...', 'latin1'));
      await writeFile(nodeBuild, Buffer.from('\x7fELF...node_register_module_v115\0...', 'latin1'));
      expect(await checkNativeModuleAbi(electronBuild, '145')).toEqual({ ok: true });
      expect(await checkNativeModuleAbi(nodeBuild, '145')).toEqual({ ok: false, found: ['115'] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('recognises the Node build this machine actually has (which must never ship)', async () => {
    const local = join(
      import.meta.dirname,
      '../../node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node',
    );
    const result = await checkNativeModuleAbi(local, process.versions.modules);
    expect(result).toEqual({ ok: true });
    expect((await checkNativeModuleAbi(local, '145')).ok).toBe(false);
  });
});
