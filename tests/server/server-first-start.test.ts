import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../support/spawn-server.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'hssk-server-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

async function post(
  url: string,
  body: unknown,
  token?: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('the sync server process on embedded PGlite', () => {
  it('seeds on first start, prints the first admin’s one-time password once, and forces its change', async () => {
    const first = await startServerProcess({ HSSK_DATA_DIR: dataDir });
    let userName = '';
    try {
      const banner = /user name: (\S+)\n\s+one-time password: (\S+)/.exec(first.output());
      expect(banner).not.toBeNull();
      userName = banner?.[1] ?? '';
      const password = banner?.[2] ?? '';
      expect((await fetch(`${first.url}/health/ready`)).status).toBe(200);

      const login = await post(`${first.url}/auth/login`, { userName, password });
      expect(login.status).toBe(200);
      expect(login.json['mustChangePassword']).toBe(true);
      const token = String(login.json['token']);
      const blocked = await fetch(`${first.url}/admin/accounts`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(blocked.status).toBe(403);
      const changed = await post(
        `${first.url}/auth/change-password`,
        { currentPassword: password, newPassword: 'Mật-khẩu-mới-2026' },
        token,
      );
      expect(changed.status).toBe(200);
      const again = await post(`${first.url}/auth/login`, { userName, password: 'Mật-khẩu-mới-2026' });
      expect(again.json['mustChangePassword']).toBe(false);
    } finally {
      await first.stop();
    }

    const second = await startServerProcess({ HSSK_DATA_DIR: dataDir });
    try {
      expect(second.output()).not.toContain('one-time password');
      const login = await post(`${second.url}/auth/login`, { userName, password: 'Mật-khẩu-mới-2026' });
      expect(login.status).toBe(200);
    } finally {
      await second.stop();
    }
  }, 120_000);
});
