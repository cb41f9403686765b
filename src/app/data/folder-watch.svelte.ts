import { changedCsvFiles, stampKey } from './folder-diff.ts';
import { dataState } from './data-state.svelte.ts';

const POLL_MS = 2_000;

/**
 * Watches a folder the user picked (File System Access API, seed 000's file-watching producer):
 * every two seconds, CSV files that are new or changed are loaded as new batches, then rebuilt.
 */
class FolderWatch {
  folder = $state<string | null>(null);
  lastCheck = $state<Date | null>(null);
  filesSeen = $state(0);
  error = $state<string | null>(null);
  #handle: FileSystemDirectoryHandle | null = null;
  #seen = new Map<string, string>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  get supported(): boolean {
    return typeof window !== 'undefined' && 'showDirectoryPicker' in window;
  }

  async pick(): Promise<void> {
    const picker = (
      window as unknown as { showDirectoryPicker(): Promise<FileSystemDirectoryHandle> }
    ).showDirectoryPicker;
    try {
      await this.start(await picker.call(window));
    } catch (e) {
      if ((e as DOMException).name !== 'AbortError') this.error = (e as Error).message;
    }
  }

  async start(handle: FileSystemDirectoryHandle): Promise<void> {
    this.stop();
    this.#handle = handle;
    this.#seen.clear();
    this.folder = handle.name || 'folder';
    this.error = null;
    await this.#check();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#handle = null;
    this.folder = null;
  }

  async #check(): Promise<void> {
    const handle = this.#handle;
    if (!handle) return;
    try {
      const files: File[] = [];
      for await (const entry of (
        handle as unknown as { values(): AsyncIterable<FileSystemHandle> }
      ).values()) {
        if (entry.kind === 'file') files.push(await (entry as FileSystemFileHandle).getFile());
      }
      const changed = changedCsvFiles(this.#seen, files);
      this.filesSeen = files.filter((f) => /\.csv$/i.test(f.name)).length;
      if (changed.length && !dataState.task && !dataState.building) {
        const byName = new Map(files.map((f) => [f.name, f]));
        await dataState.loadFiles(changed.map((c) => byName.get(c.name)!));
        for (const c of changed) this.#seen.set(c.name, stampKey(c));
      }
      this.lastCheck = new Date();
    } catch (e) {
      this.error = `Watching stopped: ${(e as Error).message}`;
      this.stop();
      return;
    }
    if (this.#handle === handle) this.#timer = setTimeout(() => void this.#check(), POLL_MS);
  }
}

export const folderWatch = new FolderWatch();
