import * as echarts from 'echarts/core';
import {
  BarChart,
  GraphChart,
  LineChart,
  ScatterChart,
  PieChart,
  HeatmapChart,
} from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  DataZoomComponent,
  VisualMapComponent,
  MarkLineComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only the parts the app draws with, so the bundle carries no more of ECharts than it uses.
echarts.use([
  BarChart,
  GraphChart,
  LineChart,
  ScatterChart,
  PieChart,
  HeatmapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  DataZoomComponent,
  VisualMapComponent,
  MarkLineComponent,
  CanvasRenderer,
]);

function theme(text: string, muted: string, line: string, split: string) {
  const axis = {
    axisLine: { lineStyle: { color: line } },
    axisTick: { lineStyle: { color: line } },
    axisLabel: { color: muted },
    splitLine: { lineStyle: { color: split } },
    nameTextStyle: { color: muted },
  };
  return {
    color: ['#2f8f75', '#c9a227', '#4f7cc9', '#d2694a', '#8a6fc9', '#5fb0c9', '#b0713a', '#7f8c9d'],
    textStyle: { color: text },
    legend: { textStyle: { color: muted } },
    categoryAxis: axis,
    valueAxis: axis,
    tooltip: {
      backgroundColor: text === '#e6e9ee' ? '#212832' : '#ffffff',
      textStyle: { color: text },
    },
  };
}

// Axis, legend and label colours for each theme of the app (theme.css); charts re-initialise on a switch.
echarts.registerTheme('lakehouse-light', theme('#1b1f24', '#5b6472', '#b8c0ca', '#e6e9ee'));
echarts.registerTheme('lakehouse-dark', theme('#e6e9ee', '#9aa4b2', '#4a5563', '#2a323d'));

export { echarts };
export type { EChartsCoreOption as ChartOption } from 'echarts/core';
