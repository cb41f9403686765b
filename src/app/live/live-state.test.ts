import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, HOUR, MINUTE } from '../../stream/settings.ts';
import {
  fromPageState,
  sliderFromSpeed,
  speedFromSlider,
  toPageState,
  triggerChoices,
} from './live-state.ts';

describe('Live page URL state', () => {
  it('writes nothing for the defaults', () => {
    expect(toPageState(fromPageState({}))).toEqual({});
    expect(fromPageState({}).settings).toEqual(DEFAULT_SETTINGS);
  });

  it.each([
    [{ sp: 'max' }],
    [{ sp: '1000', w: '1m', lt: '0.05', du: '0', sd: '7' }],
    [{ w: '1d', sl: '6h', la: '0', dl: '0', tr: '1h' }],
  ])('round-trips %j', (state) => {
    expect(toPageState(fromPageState(state))).toEqual(state);
  });

  it('reads the values it writes', () => {
    const view = fromPageState({ w: '1m', la: '30m', sd: '3' });
    expect(view.settings.windowMs).toBe(MINUTE);
    expect(view.settings.slideMs).toBe(MINUTE);
    expect(view.settings.latenessMs).toBe(30 * MINUTE);
    expect(view.settings.seed).toBe(3);
    expect(fromPageState({ w: '1d', sl: '6h' }).settings.slideMs).toBe(6 * HOUR);
  });

  it.each([
    [{ sp: '0' }, 'speed'],
    [{ sp: 'fast' }, 'speed'],
    [{ lt: '2' }, 'lateShare'],
    [{ w: 'soon' }, 'windowMs'],
    [{ sd: '-1' }, 'seed'],
  ] as Array<[Record<string, string>, string]>)(
    'falls back to the default for %j (%s)',
    (state) => {
      const back = fromPageState(state);
      expect(toPageState(back)).toEqual({});
    },
  );

  it('drops a slide that does not divide the window', () => {
    expect(fromPageState({ w: '1h', sl: '7m' }).settings.slideMs).toBe(HOUR);
  });

  it('maps the speed slider on a log scale', () => {
    expect(speedFromSlider(0)).toBe(1);
    expect(speedFromSlider(6)).toBe(1_000_000);
    expect(sliderFromSpeed(1000)).toBe(3);
  });
});

describe('micro-batch choices', () => {
  it('lists the usual sizes, and a link’s own size in its place by duration', () => {
    expect(triggerChoices('1h')).toEqual(['10m', '1h', '6h', '1d', '7d']);
    expect(triggerChoices('30m')).toEqual(['10m', '30m', '1h', '6h', '1d', '7d']);
    expect(triggerChoices('2d')).toEqual(['10m', '1h', '6h', '1d', '2d', '7d']);
    expect(triggerChoices('nonsense')).toEqual(['10m', '1h', '6h', '1d', '7d']);
  });
});
