import { proxy } from 'comlink';
import { getEngine } from '../engine-client.ts';
import type { StorageStatus, OwnerChoice } from '../../engine/storage/storage.ts';
import { viewCache } from '../shared/page-query.ts';

export interface Usage {
  usage: number;
  quota: number;
  persisted: boolean;
}

/** Where the data is kept, who owns it, and what was restored on open: shared by the banner and the panel. */
class StorageState {
  status = $state.raw<StorageStatus>({ state: 'opening' });
  /** What the page found saved on open, for people; null before the restore or on a fresh database. */
  restored = $state<string | null>(null);
  usage = $state<Usage | null>(null);
  #watching = false;

  watch(): void {
    if (this.#watching) return;
    this.#watching = true;
    void getEngine().watchStorage(
      proxy((s: StorageStatus) => {
        this.status = s;
        if (s.state === 'ready') viewCache.settle(s.savedAt);
      }),
    );
  }

  get ready() {
    return this.status.state === 'ready' ? this.status : null;
  }

  get readOnly(): boolean {
    return this.ready?.readOnly ?? false;
  }

  choose(choice: OwnerChoice): void {
    this.status = { state: 'opening' };
    void getEngine().chooseOwner(choice);
  }

  async refreshUsage(): Promise<void> {
    const storage = navigator.storage;
    if (!storage?.estimate) return;
    const [estimate, persisted] = await Promise.all([
      storage.estimate(),
      storage.persisted?.() ?? Promise.resolve(false),
    ]);
    this.usage = { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0, persisted };
  }

  /** Asks the browser not to evict the data under storage pressure; resolves whether it agreed. */
  async requestPersistence(): Promise<boolean> {
    const granted = (await navigator.storage?.persist?.()) ?? false;
    await this.refreshUsage();
    return granted;
  }
}

export const storageState = new StorageState();
