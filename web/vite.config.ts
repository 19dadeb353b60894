import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Pages are chunks of their own (React.lazy in each capability's routes.tsx); libraries used by every
 * page go into a few long-lived vendor chunks (their hashes change only when the library does), and
 * ECharts into its own, loaded only by a page that draws a chart. Every asset also gets .br and .gz
 * copies, which the server sends as they are (src/server/app.ts, `preCompressed`).
 */
const VENDORS: [name: string, test: RegExp][] = [
  // First (highest priority): a group takes its modules' dependencies along, so React must be claimed
  // before ECharts' group would pull it in through echarts-for-react.
  ['react', /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler|cookie|set-cookie-parser)[\\/]/],
  ['antd', /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+|@emotion|stylis|dayjs)[\\/]/],
  ['echarts', /node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor)[\\/]/],
];

export default defineConfig({
  root: here,
  plugins: [react(), compression({ algorithms: ['gzip', 'brotliCompress'], threshold: 1024 })],
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: VENDORS.map(([name, test], i) => ({ name, test, priority: VENDORS.length - i })),
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
