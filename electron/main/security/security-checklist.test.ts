import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../protocol/app-protocol.ts';
import { CONTENT_SECURITY_POLICY } from './content-security-policy.ts';
import { isVettedExternalUrl } from './external-url.ts';
import { guardNavigation, type GuardedContents, type NavigationEvent } from './navigation-guard.ts';
import { denyAllPermissions, type PermissionSession } from './permission-guard.ts';
import { mainWindowOptions } from './window-options.ts';

/** A recorder in place of a WebContents: keeps the handlers the guard installs so the test can fire them. */
function fakeContents() {
  const listeners = new Map<string, ((event: NavigationEvent) => void)[]>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents: GuardedContents = {
    on(event: string, listener: (event: NavigationEvent) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler(handler) {
      openHandler = handler;
    },
  };
  const fire = (event: string, url: string) => {
    let prevented = false;
    for (const listener of listeners.get(event) ?? [])
      listener({ url, preventDefault: () => (prevented = true) });
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler?.({ url }) };
}

describe('Electron security checklist', () => {
  it('isolates the page: context isolation, sandbox, no Node, web security, no webview, preload only', () => {
    const { webPreferences } = mainWindowOptions({
      preloadPath: '/app/preload.cjs',
      bounds: { width: 1280, height: 800 },
    });
    expect(webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('sends a strict CSP: scripts only from the app, no network, no plugins, no framing', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });

  it('cancels navigation away from the app and opens only vetted https links outside it', () => {
    const opened: string[] = [];
    const { contents, fire } = fakeContents();
    guardNavigation(contents, {
      appOrigin: APP_ORIGIN,
      openExternal: (u) => opened.push(u),
      log: () => undefined,
    });
    expect(fire('will-navigate', 'app://station/residents/1')).toBe(false);
    expect(fire('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(fire('will-navigate', 'app://station.evil.example/')).toBe(true);
    expect(fire('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-navigate', 'https://soyte.hanoi.gov.vn/huong-dan')).toBe(true);
    expect(fire('will-attach-webview', 'app://station/')).toBe(true);
    expect(opened).toEqual(['https://soyte.hanoi.gov.vn/huong-dan']);
  });

  it('denies every new window, opening vetted https links in the system browser instead', () => {
    const opened: string[] = [];
    const { contents, open } = fakeContents();
    guardNavigation(contents, {
      appOrigin: APP_ORIGIN,
      openExternal: (u) => opened.push(u),
      log: () => undefined,
    });
    expect(open('app://station/popup')).toEqual({ action: 'deny' });
    expect(open('https://baohiemxahoi.gov.vn/tra-cuu')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://baohiemxahoi.gov.vn/tra-cuu']);
  });

  it('vets external URLs strictly: https, a listed host, no credentials, no port', () => {
    expect(isVettedExternalUrl('https://soyte.hanoi.gov.vn/a')).toBe(true);
    expect(isVettedExternalUrl('https://www.baohiemxahoi.gov.vn/')).toBe(true);
    for (const url of [
      'http://soyte.hanoi.gov.vn/',
      'https://soyte.hanoi.gov.vn.evil.example/',
      'https://evilsoyte.hanoi.gov.vn.example/',
      'https://user:pw@soyte.hanoi.gov.vn/',
      'https://soyte.hanoi.gov.vn:8443/',
      'file:///C:/Windows/System32/calc.exe',
      'smb://soyte.hanoi.gov.vn/share',
      'not a url',
    ]) {
      expect(isVettedExternalUrl(url), url).toBe(false);
    }
  });

  it('denies every permission request, check and device by default', () => {
    let request: ((c: unknown, p: string, cb: (g: boolean) => void) => void) | undefined;
    let check: ((c: unknown, p: string) => boolean) | undefined;
    let device: ((d: unknown) => boolean) | undefined;
    const session: PermissionSession = {
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
      setDevicePermissionHandler: (h) => (device = h),
    };
    const logged: string[] = [];
    denyAllPermissions(session, (l) => logged.push(l));
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      request?.(null, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
      expect(check?.(null, permission)).toBe(false);
    }
    expect(device?.({ deviceType: 'usb' })).toBe(false);
    expect(logged).toContain('permission denied: media');
  });
});
