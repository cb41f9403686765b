import { proxy } from 'comlink';
import { tableFromIPC, type Table } from 'apache-arrow';
import { getEngine } from '../engine-client.ts';

export interface ConsoleResult {
  table: Table;
  /** The result's Arrow IPC bytes as the engine sent them (exports convert these). */
  ipc: Uint8Array;
  /** The statement that produced it. */
  sql: string;
  rowCount: number;
  truncated: boolean;
  elapsedMs: number;
}

const CHANNEL = 'console';

/** One console's run state: the running query, its live timer and progress, its result or error. */
export class ConsoleRun {
  running = $state(false);
  cancelling = $state(false);
  elapsedMs = $state(0);
  rowsSoFar = $state(0);
  result = $state.raw<ConsoleResult | null>(null);
  error = $state<string | null>(null);
  #timer: ReturnType<typeof setInterval> | undefined;

  async run(sql: string): Promise<void> {
    if (this.running || !sql.trim()) return;
    this.running = true;
    this.cancelling = false;
    this.error = null;
    this.rowsSoFar = 0;
    const started = performance.now();
    this.#timer = setInterval(() => (this.elapsedMs = performance.now() - started), 100);
    try {
      const out = await getEngine().query(
        sql,
        { channel: CHANNEL },
        proxy((p: { rows: number }) => (this.rowsSoFar = p.rows)),
      );
      this.result = {
        table: tableFromIPC(out.ipc),
        ipc: out.ipc,
        sql,
        rowCount: out.rowCount,
        truncated: out.truncated,
        elapsedMs: out.elapsedMs,
      };
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      clearInterval(this.#timer);
      this.elapsedMs = performance.now() - started;
      this.running = false;
      this.cancelling = false;
    }
  }

  async cancel(): Promise<void> {
    if (!this.running) return;
    this.cancelling = true;
    await getEngine().cancel(CHANNEL);
  }
}
