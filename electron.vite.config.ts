import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy } from './src/main/security';

// One build for three targets. The main bundle has four entries: the Electron shell (index), the command line (cli,
// which also runs `serve`), the worker thread of long tasks (taskWorker) and the one that plans an import
// (importPlanner). All run the same store and api code; only index imports electron.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/main/cli.ts'),
          // Long api calls (an import, a county's checks) run here, in a worker thread of either.
          taskWorker: resolve(__dirname, 'src/main/taskWorker.ts'),
          // A national export's import: the file read and planned here while the importing thread writes.
          importPlanner: resolve(__dirname, 'src/main/services/import/plannerThread.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { preload: resolve(__dirname, 'src/main/preload.ts') },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    base: './',
    plugins: [
      react(),
      // The page carries the same Content-Security-Policy as the HTTP server sends: one definition, two carriers.
      { name: 'paicha-csp', transformIndexHtml: (html: string) => html.replace('%PAICHA_CSP%', contentSecurityPolicy) },
    ],
    build: {
      chunkSizeWarningLimit: 4000,
      rollupOptions: {
        input: resolve(__dirname, 'src/renderer/index.html'),
      },
    },
  },
});
