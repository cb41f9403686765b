/** Runs long tasks (loads, builds) one after another, so they never interleave on the database. */
export function createTaskQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const next = tail.then(task, task);
    tail = next.catch(() => undefined);
    return next;
  };
}

export type TaskQueue = ReturnType<typeof createTaskQueue>;
