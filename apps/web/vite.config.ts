import { defineConfig, defaultClientConditions } from 'vite';
import react from '@vitejs/plugin-react';

// The API server (apps/server) listens on 3000 and serves dist/ in production; in dev, Vite proxies to it.
const apiTarget = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // `source` makes workspace packages such as @promptops/contracts resolve to their TypeScript source.
    conditions: ['source', ...defaultClientConditions],
  },
  server: {
    proxy: {
      '/api': apiTarget,
      '/healthz': apiTarget,
      '/readyz': apiTarget,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Monaco's core (~2.7 MB, loaded lazily with the playground) is large by nature; the limit sits
    // just above it so the warning stays meaningful for everything else.
    chunkSizeWarningLimit: 3000,
  },
});
