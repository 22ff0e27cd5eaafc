/**
 * Builds the three parts of the desktop app into out/: main (Node: Electron's main process, and the host's own
 * process it forks), preload (CommonJS, because a sandboxed preload cannot be an ES module) and renderer (the React
 * app, also what the host serves to browsers). Builds without the Electron binary.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.renderer';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // hostProcess: the room host's own process (an Electron utility process main forks); updateTrialWorker: the
      // host's update-trial worker, next to both (updateTrials.ts starts it from there).
      rolldownOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          hostProcess: resolve('electron/main/hostProcess.ts'),
          updateTrialWorker: resolve('electron/host/room/updateTrialWorker.ts'),
        },
      },
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
