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

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#c41d26', borderRadius: 4 } }}>
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
