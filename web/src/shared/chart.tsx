import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { EChartsOption } from 'echarts';

/** ECharts (about 200 KB compressed) is its own chunk, fetched only when a page draws a chart. */
const EChart = lazy(() => import('./echart.js'));

/**
 * A chart that fits its container: `option` may be a function of the container's width in pixels
 * (measured, and again on resize), so that labels can be sized to the room there is, e.g. at 390 px.
 * Until ECharts has loaded, an empty box of the same height keeps the page from jumping.
 */
export function Chart({ option, height = 280 }: { option: EChartsOption | ((width: number) => EChartsOption); height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const placeholder = <div style={{ height }} />;
  return (
    <div ref={box} style={{ width: '100%', minWidth: 0 }}>
      {width === 0 ? (
        placeholder
      ) : (
        <Suspense fallback={placeholder}>
          <EChart option={typeof option === 'function' ? option(width) : option} height={height} />
        </Suspense>
      )}
    </div>
  );
}

/**
 * Labels of a category axis drawn as rows (a horizontal bar chart's y axis): each label wraps to at
 * most two lines of `labelWidth` px (about a third of the chart, 64–160 px) and ends in … only beyond
 * that; the axis tooltip shows the whole name. Rows never overlap: give the chart `rowsHeight(n)`.
 */
export function rowLabels(chartWidth: number) {
  const labelWidth = Math.max(64, Math.min(160, Math.round(chartWidth * 0.32)));
  return {
    interval: 0,
    width: labelWidth,
    overflow: 'break' as const,
    lineHeight: 14,
    height: 28,
    lineOverflow: 'truncate' as const,
  };
}

/** Height of a horizontal bar chart with `n` rows of two-line labels (plus legend and axis). */
export const rowsHeight = (n: number, legend = true) => Math.max(160, n * 40 + (legend ? 60 : 36));

/**
 * Labels of a category x axis (periods, short names): never cut, none overlapping — those that would
 * collide are left out (`hideOverlap`), and on a narrow chart with many categories they turn 45°.
 */
export function columnLabels(chartWidth: number, count: number) {
  const slot = count ? chartWidth / count : chartWidth;
  return { hideOverlap: true, rotate: slot < 48 ? 45 : 0 };
}

/** The grid of a chart whose axis labels are inside the chart's box (nothing cut at the edges). */
export const gridWithLabels = (g: { top?: number; bottom?: number; left?: number; right?: number } = {}) => ({
  left: 8,
  right: 16,
  top: 32,
  bottom: 8,
  ...g,
  containLabel: true,
});
