import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as ResvgModule from '@resvg/resvg-js';
import type * as Echarts from 'echarts';

/** An echarts option object: series, axes, titles. */
export type ChartOption = Echarts.EChartsCoreOption;

/** Fonts resvg may use; the first that exists wins, and without any it renders no text. */
const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
];

interface ChartLibraries {
  echarts: typeof Echarts;
  Resvg: typeof ResvgModule.Resvg;
}

const require = createRequire(import.meta.url);
let libraries: ChartLibraries | undefined;

/**
 * echarts and resvg take about 40 MB of memory once loaded, more than the rest of guardia at
 * rest. They load with the first chart, not at start, so a bot that never draws one (or has not
 * yet) does not carry them.
 */
function chartLibraries(): ChartLibraries {
  libraries ??= {
    echarts: require('echarts') as typeof Echarts,
    Resvg: (require('@resvg/resvg-js') as typeof ResvgModule).Resvg,
  };
  return libraries;
}

/** Renders an echarts option on the server, without animation, on a white background. */
export function renderSvg(width: number, height: number, option: ChartOption): string {
  const { echarts } = chartLibraries();
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Rasterises an SVG with the first font found (without any, text is left out). */
export function svgToPng(svg: string, width?: number): Buffer {
  const { Resvg } = chartLibraries();
  const fontFiles = FONT_CANDIDATES.filter((f) => existsSync(f));
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    ...(width ? { fitTo: { mode: 'width' as const, value: width } } : {}),
    font: { fontFiles, loadSystemFonts: fontFiles.length === 0, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

/** An echarts option as PNG bytes. */
export function renderPng(width: number, height: number, option: ChartOption): Buffer {
  return svgToPng(renderSvg(width, height, option));
}
