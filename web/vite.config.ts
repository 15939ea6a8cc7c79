import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/**
 * The web workbench. `npm start` builds it into web/dist when its sources changed (scripts/build-web.mjs) and
 * the server serves that folder at `/`. In development, `npx vite web` serves it with the API proxied to :3000.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // React in a chunk of its own (it changes less often than our pages, so browsers keep it cached across
        // releases); ECharts too, fetched only by the pages that draw charts. Ant Design is left to the bundler,
        // so a page's components come with that page and the first screen loads only what the frame uses.
        codeSplitting: {
          groups: [
            // Not the Reports page's pie and heatmap (with its colour scale): they come with that page, so the
            // dashboard does not fetch them.
            { name: 'echarts', test: /node_modules[\\/](zrender[\\/]|echarts[\\/](?!lib[\\/](chart[\\/](pie|heatmap)|component[\\/]visualMap)[\\/]))/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/ },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
