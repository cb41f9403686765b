import type { StreamController } from './controller.ts';

/**
 * The replay's methods as flat members of the engine API (comlink types nested objects' members as
 * promises, so `engine.stream.start` would not type-check on the page).
 */
export function streamApi(c: StreamController) {
  return {
    streamStart: c.start,
    streamSetSpeed: c.setSpeed,
    streamPause: c.pause,
    streamResume: c.resume,
    streamStep: c.step,
    streamSeek: c.seek,
    streamReset: c.reset,
    streamWatch: c.watch,
    streamDetach: c.detach,
    streamStatus: c.status,
    streamSaved: c.saved,
  };
}
