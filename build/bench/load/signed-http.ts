import { createHash, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import { canonicalRequest } from '#shared/sync/device-signature.ts';
import { SCHEMA_VERSION_HEADER } from '#shared/sync/schema-version-header.ts';
import { ed25519KeyObjects } from '#sync-server/src/crypto/ed25519-keys.ts';

/** Keep-alive connections without a cap: a capped pool would queue requests in the generator, not the server. */
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

export type SignedAnswer = { readonly status: number; readonly body: string };

/** What signs a device's requests: native Ed25519 (the same bytes tweetnacl makes), so the generator stays light. */
export type DeviceSigner = {
  headers(method: string, path: string, body: string | undefined): Record<string, string>;
};

export function createDeviceSigner(device: {
  deviceId: string;
  secretKey: string;
  token: string;
}): DeviceSigner {
  const { privateKey }: { privateKey: KeyObject } = ed25519KeyObjects(
    new Uint8Array(Buffer.from(device.secretKey, 'base64')),
  );
  let nonceCounter = 0;
  const noncePrefix = Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  return {
    headers(method, path, body) {
      const timestamp = Date.now();
      const nonce = `${noncePrefix}-${String(process.pid)}-${String(nonceCounter++).padStart(8, '0')}`;
      const digest = createHash('sha512')
        .update(body ?? '')
        .digest('base64');
      const message = canonicalRequest({ method, path, bodyDigest: digest, timestamp, nonce });
      return {
        authorization: `Bearer ${device.token}`,
        'x-hssk-device': device.deviceId,
        'x-hssk-timestamp': String(timestamp),
        'x-hssk-nonce': nonce,
        'x-hssk-signature': sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64'),
      };
    },
  };
}

/** One signed request with a deadline; rejects on a network error or when `timeoutMs` passes. */
export function signedRequest(
  base: URL,
  signer: DeviceSigner,
  request: { method: 'GET' | 'POST'; path: string; body?: string; schemaVersion: number; timeoutMs: number },
): Promise<SignedAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      ...signer.headers(request.method, request.path, request.body),
      [SCHEMA_VERSION_HEADER]: String(request.schemaVersion),
    };
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(request.body));
    }
    const req = http.request(
      { agent, host: base.hostname, port: base.port, method: request.method, path: request.path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(request.timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(request.body);
  });
}

/**
 * A live `GET /sync/:collection/stream`, reconnected a second after it ends, as the station does. Counts messages
 * and bytes without parsing them (the generator must stay cheaper than the server it measures).
 */
export function holdStream(
  base: URL,
  signer: DeviceSigner,
  collection: string,
  schemaVersion: number,
  counters: { messages: number; bytes: number; reconnects: number; open: number },
): () => void {
  let stopped = false;
  let current: http.ClientRequest | undefined;
  const connect = () => {
    if (stopped) return;
    const path = `/sync/${collection}/stream`;
    const req = http.request(
      {
        agent: false,
        host: base.hostname,
        port: base.port,
        method: 'GET',
        path,
        headers: {
          ...signer.headers('GET', path, undefined),
          [SCHEMA_VERSION_HEADER]: String(schemaVersion),
        },
      },
      (res) => {
        counters.open++;
        let tail = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          counters.bytes += chunk.length;
          const text = tail + chunk;
          let from = 0;
          for (let at = text.indexOf('\n\n', from); at >= 0; at = text.indexOf('\n\n', from)) {
            if (text.startsWith('data:', from)) counters.messages++;
            from = at + 2;
          }
          tail = text.slice(from);
        });
        res.on('close', () => {
          counters.open--;
          again();
        });
      },
    );
    req.on('error', () => {
      again();
    });
    req.end();
    current = req;
  };
  const again = () => {
    if (stopped) return;
    counters.reconnects++;
    setTimeout(connect, 1000).unref();
  };
  connect();
  return () => {
    stopped = true;
    current?.destroy();
  };
}
