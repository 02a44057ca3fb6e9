import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The hub serves dist/renderer at `/`; relative asset URLs keep the build
// working whether it is opened from the hub or from a sub-path. Paths are
// taken from this file's folder (not the cwd); the renderer zone forbids
// Node built-ins, hence import.meta.dirname rather than node:url.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    // `vite --config renderer/vite.config.ts` during development proxies the
    // API to a hub started with `--port 8080`.
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', ws: true },
    },
  },
});
