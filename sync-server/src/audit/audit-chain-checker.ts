import { Worker } from 'node:worker_threads';

/** One audit entry as the checker needs it: its canonical content, the links and the signature (if it has one). */
export type ChainLink = {
  readonly seq: number;
  readonly canonical: string;
  readonly prevHash: string;
  readonly hash: string;
  readonly signature: string | null;
};

export type ChainCheck =
  | {
      readonly ok: true;
      readonly lastHash: string;
      /** The batch's last signed entry, if it has one. */
      readonly lastSigned: { readonly seq: number; readonly hash: string } | null;
      /** The first entry after the last signature so far: no signature covers it yet. */
      readonly unsignedFrom: number | null;
    }
  | {
      readonly ok: false;
      readonly seq: number;
      readonly reason: string;
      /** The last signed entry the batch found intact before the break, if any. */
      readonly lastSigned: { readonly seq: number; readonly hash: string } | null;
    };

/**
 * Checks batches of audit entries on a worker thread, so that a long verification never blocks the server's event
 * loop: each entry's SHA-256 against its canonical content, its link to the previous hash, and each signature with
 * Node's native Ed25519. A signature covers its entry and the unsigned ones before it; a bad one breaks the chain at
 * the first entry it covers. `unsignedFrom` carries an open span from one batch to the next. `close` ends the thread.
 */
export type AuditChainChecker = {
  check(prevHash: string, links: readonly ChainLink[], unsignedFrom: number | null): Promise<ChainCheck>;
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
parentPort.on('message', ({ prevHash, links, unsignedFrom }) => {
  let previous = prevHash;
  let openSpan = unsignedFrom;
  let lastSigned = null;
  for (const link of links) {
    const broken = (reason, seq = link.seq) => parentPort.postMessage({ ok: false, seq, reason, lastSigned });
    if (link.prevHash !== previous) return broken('link-broken');
    if (createHash('sha256').update(link.canonical).digest('hex') !== link.hash)
      return broken('hash-mismatch');
    if (link.signature === null) {
      if (openSpan === null) openSpan = link.seq;
    } else {
      if (!signed(link.hash, link.signature)) return broken('signature-invalid', openSpan ?? link.seq);
      openSpan = null;
      lastSigned = { seq: link.seq, hash: link.hash };
    }
    previous = link.hash;
  }
  parentPort.postMessage({ ok: true, lastHash: previous, lastSigned, unsignedFrom: openSpan });
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
    check: (prevHash, links, unsignedFrom) =>
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
        worker.postMessage({ prevHash, links, unsignedFrom });
      }),
    async close() {
      await worker.terminate();
    },
  };
}
