import { afterAll, describe, expect, it } from 'vitest';
import { SVGRenderer } from 'echarts/renderers';
import { echarts } from '../charts/echarts.ts';
import { timelineOption } from './live-options.ts';

// A zone far from UTC: event times are UTC fields and must be labelled as such on any machine.
const zone = process.env.TZ;
process.env.TZ = 'America/Sao_Paulo';
afterAll(() => {
  process.env.TZ = zone;
});
echarts.use([SVGRenderer]);

const H = 3_600_000;
const T = Date.UTC(2017, 10, 24);

/** The timeline drawn server-side (SVG) at the Live page's size: the text of its axis labels. */
function axisLabels(hours: number): string[] {
  const chart = echarts.init(null, undefined, {
    renderer: 'svg',
    ssr: true,
    width: 900,
    height: 280,
  });
  const points = Array.from({ length: hours + 1 }, (_, i): [number, number, number] => [
    T + i * H,
    T + i * H,
    T + i * H - H,
  ]);
  chart.setOption(timelineOption(points));
  const svg = chart.renderToSVGString();
  chart.dispose();
  const legend = new Set(['processing time', 'max event time', 'watermark']);
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)]
    .map((m) => m[1]!)
    .filter((t) => !legend.has(t));
}

describe('Live timeline axes', () => {
  it('labels two days of event time with their dates and the hours between, in UTC', () => {
    const labels = axisLabels(48);
    expect(labels).toContain('2017-11-25');
    expect(labels).toContain('12:00');
    // Each axis labels a tick once: no date repeated down the axis.
    expect(labels.filter((t) => t === '2017-11-25')).toHaveLength(2);
  });

  it('labels a month of event time by dates only', () => {
    const labels = axisLabels(30 * 24);
    expect(labels.some((t) => /^2017-12-\d\d$/.test(t))).toBe(true);
    expect(labels.some((t) => /^\d\d:\d\d$/.test(t))).toBe(false);
  });
});
