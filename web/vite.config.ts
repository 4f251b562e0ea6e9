// Vite build of the dashboard: one HTML page, hashed assets in dist/assets, no external URLs.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    chunkSizeWarningLimit: 800,
  },
  server: {
    // `npm run dev` against a running `nara serve` on port 8080.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
