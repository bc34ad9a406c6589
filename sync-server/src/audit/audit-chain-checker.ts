import { Worker } from 'node:worker_threads';

/** One audit entry as the checker needs it: its canonical content, the links and the signature. */
export type ChainLink = {
  readonly seq: number;
  readonly canonical: string;
  readonly prevHash: string;
  readonly hash: string;
  readonly signature: string;
};

export type ChainCheck =
  | { readonly ok: true; readonly lastHash: string }
  | { readonly ok: false; readonly seq: number; readonly reason: string };

/**
 * Checks batches of audit entries on a worker thread, so that a long verification never blocks the server's event
 * loop: each entry's SHA-256 against its canonical content, its link to the previous hash, and its Ed25519 signature
 * with Node's native crypto. `close` ends the thread.
 */
export type AuditChainChecker = {
  check(prevHash: string, links: readonly ChainLink[]): Promise<ChainCheck>;
  close(): Promise<void>;
};

// Plain JavaScript evaluated in the worker (no TypeScript loader runs there): it only hashes and verifies.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash, createPublicKey, verify } = require('node:crypto');
const key = createPublicKey({ key: Buffer.from(workerData.publicKeyDer), format: 'der', type: 'spki' });
const signed = (hash, signature) => {
  try {
    return verify(null, Buffer.from(hash, 'hex'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
};
parentPort.on('message', ({ prevHash, links }) => {
  let previous = prevHash;
  for (const link of links) {
    const broken = (reason) => parentPort.postMessage({ ok: false, seq: link.seq, reason });
    if (link.prevHash !== previous) return broken('link-broken');
    if (createHash('sha256').update(link.canonical).digest('hex') !== link.hash)
      return broken('hash-mismatch');
    if (!signed(link.hash, link.signature)) return broken('signature-invalid');
    previous = link.hash;
  }
  parentPort.postMessage({ ok: true, lastHash: previous });
});
`;

export function startAuditChainChecker(publicKeyDer: Uint8Array): AuditChainChecker {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { publicKeyDer } });
  worker.unref();
  let failure: Error | undefined;
  worker.on('error', (error) => {
    failure = error;
  });
  return {
    check: (prevHash, links) =>
      new Promise<ChainCheck>((resolve, reject) => {
        if (failure !== undefined) {
          reject(failure);
          return;
        }
        const onError = (error: Error) => {
          reject(error);
        };
        worker.once('error', onError);
        worker.once('message', (answer: ChainCheck) => {
          worker.off('error', onError);
          resolve(answer);
        });
        worker.postMessage({ prevHash, links });
      }),
    async close() {
      await worker.terminate();
    },
  };
}
