import { describe, expect, it } from 'vitest';
import { advanceWatermark, isClosed, lastWindowEnd, windowStarts } from './windows.ts';

const H = 3_600_000;

describe('window assignment', () => {
  it.each([
    // [t, size, slide, starts]
    [0, H, H, [0]],
    [H - 1, H, H, [0]],
    [H, H, H, [H]],
    [90 * 60_000, H, H, [H]],
    [90 * 60_000, H, 15 * 60_000, [90 * 60_000, 75 * 60_000, 60 * 60_000, 45 * 60_000]],
    [2 * H, 2 * H, H, [2 * H, H]],
  ])('t=%i size=%i slide=%i → %j', (t, sizeMs, slideMs, starts) => {
    const spec = { sizeMs, slideMs };
    expect(windowStarts(t, spec)).toEqual(starts);
    for (const s of starts) expect(s <= t && t < s + sizeMs).toBe(true);
    expect(lastWindowEnd(t, spec)).toBe(starts[0]! + sizeMs);
  });

  it('closes a window when the watermark reaches its end, not before', () => {
    const spec = { sizeMs: H, slideMs: H };
    expect(isClosed(0, spec, H - 1)).toBe(false);
    expect(isClosed(0, spec, H)).toBe(true);
  });

  it('never moves the watermark back', () => {
    expect(advanceWatermark(-Infinity, 10 * H, H)).toBe(9 * H);
    expect(advanceWatermark(9 * H, 5 * H, H)).toBe(9 * H);
  });
});
