/** What the lock needs of Electron's `app`. */
export type SingleInstanceApp = {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: () => void): unknown;
};

/**
 * One station app per user session: two would open the same encrypted replica. The first instance holds
 * the lock and, when the app is started again, brings its window forward (`focusExisting`); a second instance quits
 * at once. Returns whether this instance may continue.
 */
export function holdSingleInstanceLock(app: SingleInstanceApp, focusExisting: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', focusExisting);
  return true;
}
