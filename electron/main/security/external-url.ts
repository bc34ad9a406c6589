/**
 * Sites the app may open in the system browser (help pages of the city and the social insurance portal). Anything
 * else — other hosts, http, credentials in the URL, odd ports — stays closed (Electron security checklist §15).
 */
export const EXTERNAL_HOSTS = ['soyte.hanoi.gov.vn', 'baohiemxahoi.gov.vn', 'dichvucong.gov.vn'] as const;

/** True when `raw` is an https URL to a vetted host (or its subdomain), without credentials or a custom port. */
export function isVettedExternalUrl(raw: string, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '')
    return false;
  const host = url.hostname.toLowerCase();
  return hosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}
