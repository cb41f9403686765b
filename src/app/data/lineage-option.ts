import { format } from 'echarts/core';
import type { ChartOption } from '../charts/echarts.ts';
import type { LineageEdgeRow, PlacedNode } from './lineage-layout.ts';

const KIND_COLOR: Record<string, string> = {
  file: '#8a8f98',
  bronze: '#b0713a',
  silver: '#7f8c9d',
  gold: '#c9a227',
  ml: '#4f7cc9',
};

const count = new Intl.NumberFormat('en-US');

/** ECharts option for the lineage graph: a column per depth, a colour per layer. */
export function lineageOption(nodes: PlacedNode[], edges: LineageEdgeRow[]): ChartOption {
  const placed = new Set(nodes.map((n) => n.id));
  return {
    tooltip: {
      formatter: (p: { dataType?: string; data: { name?: string; info?: string } }) =>
        p.dataType === 'node' ? (p.data.info ?? '') : '',
    },
    series: [
      {
        type: 'graph',
        layout: 'none',
        roam: true,
        label: { show: true, position: 'right', fontSize: 10 },
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 5,
        lineStyle: { opacity: 0.35, curveness: 0.15 },
        emphasis: { focus: 'adjacency', lineStyle: { width: 2, opacity: 0.9 } },
        data: nodes.map((n) => ({
          name: n.id,
          x: n.depth * 260,
          y: n.slot * 26,
          symbolSize: n.status === 'absent' || n.status === 'skipped' ? 6 : 10,
          itemStyle: {
            color: n.status === 'failed' ? '#d93025' : (KIND_COLOR[n.kind] ?? '#999'),
            opacity: n.status === 'absent' || n.status === 'skipped' ? 0.35 : 1,
          },
          label: {
            formatter: `${n.id.replace(/^file:/, '')}${n.rows === null ? '' : ` · ${count.format(n.rows)}`}`,
          },
          // The tooltip is HTML: a node id holds a file name, which is whatever the user's file was
          // called (issue #9: a file named `<img src=x onerror=…>.csv` must stay text).
          info: `${format.encodeHTML(n.id)} (${n.kind}, ${n.status})<br>${n.rows === null ? '' : `${count.format(n.rows)} rows`}${n.durationMs === null ? '' : ` · ${Math.round(n.durationMs)} ms`}`,
        })),
        links: edges
          .filter((e) => placed.has(e.from) && placed.has(e.to))
          .map((e) => ({
            source: e.from,
            target: e.to,
            lineStyle: e.optional ? { type: 'dashed' } : {},
          })),
      },
    ],
  };
}
