import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import 'dayjs/locale/it.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { Providers } from './app/Providers.tsx';
import { initI18n } from './i18n/index.ts';
import { createApi } from './platform/create-api.ts';

async function start(): Promise<void> {
  await initI18n();
  const api = createApi();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Providers api={api}>
        <App />
      </Providers>
    </StrictMode>,
  );
}

void start();
