/** What the guard needs of an Electron `Session`. */
export type PermissionSession = {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
};

/**
 * Denies every permission a page may ask for — camera, microphone, notifications, geolocation, devices, clipboard
 * reads, … (Electron security checklist §5). The station app needs none; scanning a CCCD QR code goes through the
 * station core, not the browser. Requests are logged by name only.
 */
export function denyAllPermissions(session: PermissionSession, log: (line: string) => void): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`permission denied: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
