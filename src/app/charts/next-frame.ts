/**
 * Runs `run` in a task of its own after the next frame (or after `afterMs` and then the next frame),
 * so a lazy chart update paints in between and no two chart steps share a task.
 */
export function nextFrame(run: () => void, afterMs = 0) {
  const frame = () => requestAnimationFrame(() => setTimeout(run, 0));
  if (afterMs > 0) setTimeout(frame, afterMs);
  else frame();
}
