/**
 * The station window's Content-Security-Policy, sent with every `app://` response: scripts only from the app itself
 * (no inline or eval), no plugins, no framing, no forms posting anywhere, and no network at all — the renderer
 * reaches the station core only through the preload's IPC. Styles allow inline because antd injects its CSS at run
 * time; style injection cannot run code.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'none'",
  "worker-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
