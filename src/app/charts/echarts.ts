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

export { echarts };
export type { EChartsCoreOption as ChartOption } from 'echarts/core';
