/**
 * Builds the three parts of the desktop app into out/: main (Node, Electron's main process, which embeds the
 * host), preload (CommonJS, because a sandboxed preload cannot be an ES module) and renderer (the React app,
 * also what the host serves to browsers). Builds without the Electron binary.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.renderer';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The host's update-trial worker is its own entry, next to index.js (updateTrials.ts starts it from there).
      rolldownOptions: { input: { index: resolve('electron/main/index.ts'), updateTrialWorker: resolve('electron/host/room/updateTrialWorker.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig(),
});
