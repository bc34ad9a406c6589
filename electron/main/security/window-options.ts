import type { BrowserWindowConstructorOptions } from 'electron';

/** Where the window was and how big, as `window-state.ts` remembers it. */
export type WindowBounds = { x?: number; y?: number; width: number; height: number };

/**
 * The station window's options (Electron security checklist): context isolation, the renderer sandbox,
 * no Node in the page or its workers, web security on, no insecure content, no `<webview>`, no experimental or Blink
 * features; the only bridge is the bundled preload. The page comes from `app://` and is shown once it has painted.
 */
export function mainWindowOptions(input: {
  preloadPath: string;
  bounds: WindowBounds;
}): BrowserWindowConstructorOptions {
  return {
    ...input.bounds,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'HSSK Trạm Y tế',
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: false,
    },
  };
}
