/**
 * One tab owns the saved database (an OPFS file takes one access handle at a time). The owner holds
 * a Web Lock for as long as it has the database open; other tabs talk to it over a BroadcastChannel
 * to ask it to hand over, or for a read-only copy.
 */
export interface OwnershipDeps {
  locks: Pick<LockManager, 'request'>;
  channel: Pick<BroadcastChannel, 'postMessage' | 'addEventListener'>;
  /** The owner's side: save, close the database and stop answering (the lock is released after). */
  onReleaseRequested(): Promise<void>;
  /** The owner's side: a snapshot of the database for a read-only tab. */
  snapshot(): Promise<Uint8Array>;
}

type Message =
  | { type: 'release'; from: string }
  | { type: 'snapshot-request'; id: string }
  | { type: 'snapshot'; id: string; bytes: Uint8Array | null; error?: string };

export const LOCK_NAME = 'lakehouse-database';

export function createOwnership(deps: OwnershipDeps) {
  let release: (() => void) | null = null;
  const waiting = new Map<string, (m: Extract<Message, { type: 'snapshot' }>) => void>();
  const id = () => Math.random().toString(36).slice(2);

  deps.channel.addEventListener('message', (event) => {
    const message = (event as MessageEvent<Message>).data;
    if (message.type === 'snapshot') waiting.get(message.id)?.(message);
    if (!release) return;
    if (message.type === 'release') {
      const done = release;
      release = null;
      void deps.onReleaseRequested().finally(done);
    } else if (message.type === 'snapshot-request') {
      deps.snapshot().then(
        (bytes) => deps.channel.postMessage({ type: 'snapshot', id: message.id, bytes }),
        (error: unknown) =>
          deps.channel.postMessage({
            type: 'snapshot',
            id: message.id,
            bytes: null,
            error: error instanceof Error ? error.message : String(error),
          }),
      );
    }
  });

  /** Resolves once the lock is held (`wait`) or at once with false when another tab holds it. */
  function acquire(wait: boolean): Promise<boolean> {
    return new Promise((resolve, reject) => {
      deps.locks
        .request(LOCK_NAME, { ifAvailable: !wait }, (lock) => {
          if (!lock) {
            resolve(false);
            return undefined;
          }
          resolve(true);
          return new Promise<void>((done) => (release = done));
        })
        .catch(reject);
    });
  }

  return {
    isOwner: () => release !== null,
    tryAcquire: () => acquire(false),
    /** Asks the owner to hand over, then waits for the lock it releases. */
    async takeOver(): Promise<void> {
      const held = acquire(true);
      deps.channel.postMessage({ type: 'release', from: id() } satisfies Message);
      await held;
    },
    /** Asks the owner for a copy of its database; rejects when no tab answers within `timeoutMs`. */
    requestSnapshot(timeoutMs = 60_000): Promise<Uint8Array> {
      const requestId = id();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(requestId);
          reject(new Error('The tab that owns the data did not answer.'));
        }, timeoutMs);
        waiting.set(requestId, (m) => {
          clearTimeout(timer);
          waiting.delete(requestId);
          if (m.bytes) resolve(m.bytes);
          else reject(new Error(m.error ?? 'The tab that owns the data could not copy it.'));
        });
        deps.channel.postMessage({ type: 'snapshot-request', id: requestId } satisfies Message);
      });
    },
    /** Lets go of the lock without being asked (the database was closed). */
    release(): void {
      release?.();
      release = null;
    },
  };
}

export type Ownership = ReturnType<typeof createOwnership>;
