// ESLint: TypeScript rules plus the layering of conventions.md, enforced so a wrong import fails `npm test`.
//   shared/        imports nothing from electron/, renderer/, electron, node:*, Dexie or React
//   renderer/      imports shared/ only: never electron/, electron, or Node built-ins
//   electron/host/ never imports electron (it also runs headless)
//   electron/      never imports renderer/
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http',
  'http2', 'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'tls', 'url',
  'util', 'v8', 'vm', 'worker_threads', 'zlib',
];
const nodeBuiltins = {
  group: ['node:*', ...NODE_BUILTINS],
  message: 'Node built-ins are not available here: this layer also runs in the browser. Move Node code to electron/host/.',
};
const electronModule = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };

export const layeringRules = {
  shared: [
    'error',
    {
      paths: [electronModule, { name: 'dexie', message: 'shared/ is pure: storage lives in renderer/.' }, { name: 'react', message: 'shared/ is pure: UI lives in renderer/.' }],
      patterns: [nodeBuiltins, { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ must not import from electron/ or renderer/.' }],
    },
  ],
  renderer: [
    'error',
    {
      paths: [electronModule],
      patterns: [nodeBuiltins, { group: ['**/electron/**'], message: 'renderer/ talks to the desktop shell only through the preload API (shared/ipc/contract.ts).' }],
    },
  ],
  host: [
    'error',
    {
      paths: [{ name: 'electron', message: 'electron/host/ runs headless (npm run host): it must not import electron.' }],
      patterns: [{ group: ['**/renderer/**'], message: 'electron/ must not import renderer/.' }],
    },
  ],
  electron: ['error', { patterns: [{ group: ['**/renderer/**'], message: 'electron/ must not import renderer/.' }] }],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': layeringRules.renderer,
    },
  },
  { files: ['renderer/sw.js'], languageOptions: { globals: { ...globals.serviceworker, __PRECACHE__: 'readonly' } } },
  { files: ['shared/**/*.ts'], rules: { 'no-restricted-imports': layeringRules.shared } },
  { files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'], rules: { 'no-restricted-imports': layeringRules.electron } },
  { files: ['electron/host/**/*.ts'], rules: { 'no-restricted-imports': layeringRules.host } },
);
