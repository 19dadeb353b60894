import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClientProvider } from '@tanstack/react-query';
import { App } from './shell/app.js';
import { queryClient } from './api.js';
import './print.css';

dayjs.locale('zh-cn');

// A tab opened before a new build asks for page chunks that are gone (404): load the new build once.
window.addEventListener('vite:preloadError', (e) => {
  if (sessionStorage.getItem('bizenv-reloaded')) return;
  sessionStorage.setItem('bizenv-reloaded', '1');
  e.preventDefault();
  window.location.reload();
});

// Someone whose system asks for less motion (prefers-reduced-motion, WCAG 2.3.3) gets no antd transitions (charts: shared/echart.tsx).
const motion = !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#c41d26', borderRadius: 4, motion } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
