import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { apiProblemOf } from '#shared/errors/api-problem.ts';
import { parseReleaseManifest, releasePlatforms } from '#shared/releases/release-manifest.ts';
import { loginAnswer } from '#shared/server-api/auth.ts';
import { releaseView } from '#shared/server-api/updates.ts';
import { releaseFileNames } from './release-files.ts';

export type PublishedRelease = { readonly id: string; readonly platform: string; readonly version: string };

/** A refusal of the sync server, with its stable code and Vietnamese message. */
export class PublishRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(`${code}: ${message}`);
    this.name = 'PublishRefused';
  }
}

async function refusal(res: Response): Promise<PublishRefused> {
  const problem = apiProblemOf(await res.json().catch(() => undefined));
  return problem === undefined
    ? new PublishRefused('http-error', `HTTP ${res.status}`, res.status)
    : new PublishRefused(problem.code, problem.message, res.status);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** Signs in with a release account (a city or IT admin) and returns its session token. */
export async function signInForRelease(options: {
  server: string;
  userName: string;
  password: string;
  fetch?: typeof fetch;
}): Promise<string> {
  const doFetch = options.fetch ?? fetch;
  const res = await doFetch(new URL('/auth/login', options.server), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userName: options.userName, password: options.password }),
  });
  if (!res.ok) throw await refusal(res);
  return loginAnswer.parse(await res.json()).token;
}

/**
 * Publishes what `release:sign` left in `dir` to a sync server: uploads every artifact the signed
 * manifests name (and its `.blockmap` when electron-builder wrote one, for differential updates), then publishes
 * each manifest with its signature and the initial rollout. The server verifies the signature and the uploaded
 * files against the manifest, so a wrong key or a changed file is refused there, not trusted here.
 */
export async function publishRelease(options: {
  dir: string;
  server: string;
  token: string;
  channel: string;
  stagingPercentage: number;
  stagingOrgUnits?: readonly string[];
  fetch?: typeof fetch;
  log?: (line: string) => void;
}): Promise<PublishedRelease[]> {
  const doFetch = options.fetch ?? fetch;
  const log = options.log ?? (() => undefined);
  const auth = { authorization: `Bearer ${options.token}` };
  const channel = encodeURIComponent(options.channel);
  const published: PublishedRelease[] = [];
  for (const platform of releasePlatforms) {
    const names = releaseFileNames(options.channel, platform);
    const manifestPath = join(options.dir, names.manifest);
    if (!(await exists(manifestPath))) continue;
    const manifestText = await readFile(manifestPath, 'utf8');
    const signature = (await readFile(join(options.dir, names.signature), 'utf8')).trim();
    const manifest = parseReleaseManifest(manifestText);
    if (!manifest.ok) throw new Error(`${names.manifest}: ${manifest.errors[0].message}`);
    const uploads = manifest.value.files.flatMap((f) => [f.url, `${f.url}.blockmap`]);
    for (const name of uploads) {
      const path = join(options.dir, name);
      if (name.endsWith('.blockmap') && !(await exists(path))) continue;
      const res = await doFetch(
        new URL(`/admin/updates/${channel}/artifacts/${encodeURIComponent(name)}`, options.server),
        {
          method: 'PUT',
          headers: { ...auth, 'content-type': 'application/octet-stream' },
          body: await readFile(path),
        },
      );
      if (!res.ok) throw await refusal(res);
      log(`${res.status === 201 ? 'đã tải lên' : 'đã có sẵn'}: ${name}`);
    }
    const res = await doFetch(new URL(`/admin/updates/${channel}/releases`, options.server), {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        manifest: manifestText,
        signature,
        stagingPercentage: options.stagingPercentage,
        stagingOrgUnits: options.stagingOrgUnits ?? [],
      }),
    });
    if (!res.ok) throw await refusal(res);
    const { id } = releaseView.parse(await res.json());
    log(`đã công bố ${platform} ${manifest.value.version} (${id}), ${options.stagingPercentage} %`);
    published.push({ id, platform, version: manifest.value.version });
  }
  if (published.length === 0) {
    throw new Error(
      `No signed release for channel ${options.channel} in ${options.dir}: run release:sign first.`,
    );
  }
  return published;
}
