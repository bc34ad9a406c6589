import { isVettedExternalUrl } from './external-url.ts';

/** The parts of an Electron navigation event the guard uses. */
export type NavigationEvent = { readonly url: string; preventDefault(): void };

/** What the guard needs of a `WebContents` (Electron's satisfies it; tests pass a recorder). */
export type GuardedContents = {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
};

/** Scheme and host compared as parsed (`URL.origin` is "null" for custom schemes like app://, so not that). */
function sameOrigin(raw: string, origin: string): boolean {
  try {
    const a = new URL(raw);
    const b = new URL(origin);
    return a.protocol === b.protocol && a.host === b.host;
  } catch {
    return false;
  }
}

/**
 * Keeps every web contents on the app (Electron security checklist §13–15): navigations and redirects away from
 * `appOrigin` are cancelled, `<webview>` is never attached, and new windows are always denied — a vetted https link
 * (`isVettedExternalUrl`) opens in the system browser instead, anything else nowhere. URLs are compared as parsed
 * origins, never by prefix.
 */
export function guardNavigation(
  contents: GuardedContents,
  deps: { appOrigin: string; openExternal: (url: string) => void; log: (line: string) => void },
): void {
  const stayInApp = (event: NavigationEvent) => {
    if (sameOrigin(event.url, deps.appOrigin)) return;
    event.preventDefault();
    deps.log('navigation away from the app blocked');
    if (isVettedExternalUrl(event.url)) deps.openExternal(event.url);
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isVettedExternalUrl(url)) deps.openExternal(url);
    return { action: 'deny' };
  });
}
