/**
 * The renderer's Vite settings, shared by electron-vite (the desktop build) and `renderer/vite.config.ts`
 * (a browser-only dev server: `npx vite --config vite.renderer.ts`). The content pack is validated during the build: an invalid pack stops it with
 * every problem named by file and field.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Plugin, UserConfig } from 'vite';
import { loadContentDir } from './electron/host/contentLoader';
import { formatIssue } from './shared/content/pack';

function validateContent(): Plugin {
  return {
    name: 'workshop-kit:validate-content',
    async buildStart() {
      const result = await loadContentDir(resolve('content'));
      if (result.ok) return;
      const lines = result.issues.map((i) => `  ${formatIssue(i)}`).join('\n');
      const message = `the content pack has ${result.issues.length} problem(s):\n${lines}\nFix them (npm run content:check lists them) and build again.`;
      if (process.env.WORKSHOP_KIT_CONTENT_CHECK === 'warn') this.warn(message);
      else this.error(message);
    },
  };
}

/**
 * electron-vite forces a relative base ('./') for production renderer builds, which breaks deep routes such as
 * /kit/phases/engage (assets would resolve under /kit/phases/). The app is always served over HTTP from the root
 * of its host, in Electron as in a browser, so the base is absolute.
 */
function absoluteBase(): Plugin {
  return {
    name: 'workshop-kit:absolute-base',
    enforce: 'post',
    config(config) {
      config.base = '/';
    },
  };
}

/**
 * Emits sw.js with the list of built files to precache (see renderer/sw.js), so a learner can reload the kit
 * while the host is unreachable.
 */
function serviceWorker(): Plugin {
  let precache: string[] = [];
  return {
    name: 'workshop-kit:service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      // After Vite's CSS plugin has dropped the empty JS chunks of CSS-only modules (e.g. a lab stylesheet imported
      // on its own): listing one of those made the worker's install fail on a 404, so it never became ready.
      order: 'post',
      handler(_options, bundle) {
        const files = Object.keys(bundle).filter((f) => !f.endsWith('.map') && f !== 'sw.js');
        precache = ['/', '/favicon.svg', '/content/pack.json', ...files.filter((f) => f !== 'index.html').map((f) => `/${f}`)];
        const version = createHash('sha256').update(files.sort().join('\n')).digest('hex').slice(0, 12);
        const source = readFileSync(resolve('renderer/sw.js'), 'utf8').replaceAll('__PRECACHE__', JSON.stringify(precache)).replaceAll('__VERSION__', version);
        this.emitFile({ type: 'asset', fileName: 'sw.js', source });
      },
    },
    writeBundle(options) {
      // One missing file and the service worker never installs: fail the build instead of shipping that.
      const dir = options.dir ?? resolve('out/renderer');
      const missing = precache.filter((u) => u !== '/' && u !== '/content/pack.json' && !existsSync(join(dir, u)));
      if (missing.length) this.error(`sw.js would precache files the build did not write: ${missing.join(', ')}`);
    },
  };
}

/**
 * Excalidraw offline: its fonts are copied into the build (`/excalidraw/fonts/…`, found through
 * window.EXCALIDRAW_ASSET_PATH), and the CDN it always appends as a fallback font source is removed — the build
 * fails loudly if an upgrade changes that code, rather than shipping a kit that reaches for the internet.
 */
function excalidrawOffline(): Plugin {
  const pattern = /(\w+)\.push\(new URL\((\w+),(\w+)\.ASSETS_FALLBACK_URL\)\),\1/;
  let patched = false;
  return {
    name: 'workshop-kit:excalidraw-offline',
    transform(code, id) {
      if (!id.includes('@excalidraw/excalidraw') || !code.includes('ASSETS_FALLBACK_URL')) return null;
      if (!pattern.test(code)) this.error(`Excalidraw changed: the CDN font fallback in ${id} is no longer recognised; update vite.renderer.ts`);
      patched = true;
      return { code: code.replace(pattern, '$1'), map: null };
    },
    buildEnd() {
      if (this.environment?.config.consumer === 'client' && !patched && process.env.WORKSHOP_KIT_EXPECT_EXCALIDRAW !== '0') {
        this.warn('Excalidraw was not bundled, so its CDN fallback was not removed');
      }
    },
    writeBundle(options) {
      const from = resolve('node_modules/@excalidraw/excalidraw/dist/prod/fonts');
      if (options.dir && existsSync(from)) cpSync(from, resolve(options.dir, 'excalidraw', 'fonts'), { recursive: true });
    },
  };
}

/** The join page's JavaScript budget: what a learner's browser must fetch before the room shows (quality-targets). */
export const JOIN_PAGE_BUDGET_GZIP = 400 * 1024;

/**
 * Measures the JavaScript a learner needs to show the join page and the room (the entry chunk and its static
 * imports, gzipped), writes it to out/renderer/bundle-report.json, and fails the build over budget. Lazily loaded
 * chunks (editor, whiteboard) are listed but not counted.
 */
function joinPageBudget(): Plugin {
  return {
    name: 'workshop-kit:join-page-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const entry = chunks.find((c) => c.type === 'chunk' && c.isEntry);
      if (!entry || entry.type !== 'chunk') return;
      const needed = new Set<string>([entry.fileName, ...entry.imports]);
      const size = (code: string) => gzipSync(code).length;
      const initial = chunks.filter((c) => c.type === 'chunk' && needed.has(c.fileName)).reduce((n, c) => n + (c.type === 'chunk' ? size(c.code) : 0), 0);
      const lazy = chunks.filter((c) => c.type === 'chunk' && !needed.has(c.fileName)).map((c) => ({ file: c.fileName, gzipBytes: c.type === 'chunk' ? size(c.code) : 0 }));
      const report = { joinPageGzipBytes: initial, budgetGzipBytes: JOIN_PAGE_BUDGET_GZIP, withinBudget: initial <= JOIN_PAGE_BUDGET_GZIP, lazy };
      this.emitFile({ type: 'asset', fileName: 'bundle-report.json', source: JSON.stringify(report, null, 2) });
      if (!report.withinBudget) this.error(`the join page needs ${initial} bytes of gzipped JavaScript, over the ${JOIN_PAGE_BUDGET_GZIP} budget: load the new code on demand`);
    },
  };
}

export function rendererConfig(): UserConfig {
  return {
    root: resolve('renderer'),
    base: '/',
    plugins: [react(), validateContent(), absoluteBase(), serviceWorker(), excalidrawOffline(), joinPageBudget()],
    define: { __APP_VERSION__: JSON.stringify((JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string }).version) },
    build: {
      outDir: resolve('out/renderer'),
      emptyOutDir: true,
      minify: true,
      sourcemap: false,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 1500,
      rolldownOptions: { input: { index: resolve('renderer/index.html') } },
    },
  };
}

/** `npx vite --config vite.renderer.ts`: the renderer alone, for browser development, with /content from a running host. */
export default { ...rendererConfig(), server: { proxy: { '/content': 'http://127.0.0.1:8737' } } } satisfies UserConfig;
