/**
 * The layering rules of conventions.md are enforced by ESLint: these lint real source text as if it were a file
 * of each layer, with the project's own eslint.config.js, and expect the import to be refused.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layering (npm run lint)', () => {
  it('refuses electron and Node built-ins in renderer/', async () => {
    expect((await ruleIds("import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", 'renderer/src/Bad.tsx')).join('\n')).toMatch(/no-restricted-imports.*electron/);
    expect((await ruleIds("import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", 'renderer/src/bad.ts')).join('\n')).toMatch(/no-restricted-imports.*Node built-ins/);
    expect((await ruleIds("import { readFileSync } from 'fs';\nexport const x = readFileSync;\n", 'renderer/src/bad.ts')).join('\n')).toMatch(/no-restricted-imports/);
    expect((await ruleIds("import { startHost } from '../../electron/host/httpServer';\nexport const x = startHost;\n", 'renderer/src/bad.ts')).join('\n')).toMatch(/no-restricted-imports/);
  });
  it('refuses Node, React, Dexie and other layers in shared/', async () => {
    for (const spec of ['node:path', 'react', 'dexie', '../../renderer/src/app/App', 'electron']) {
      const messages = await ruleIds(`import x from '${spec}';\nexport const y = x;\n`, 'shared/room/bad.ts');
      expect(messages.join('\n'), spec).toMatch(/no-restricted-imports/);
    }
  });
  it('refuses electron in electron/host/ (it runs headless)', async () => {
    expect((await ruleIds("import { app } from 'electron';\nexport const x = app;\n", 'electron/host/bad.ts')).join('\n')).toMatch(/no-restricted-imports.*headless/);
  });
  it('allows what each layer may use', async () => {
    expect(await ruleIds("import { z } from 'zod';\nexport const s = z.string();\n", 'shared/ok.ts')).toEqual([]);
    expect(await ruleIds("import { app } from 'electron';\nexport const a = app;\n", 'electron/main/ok.ts')).toEqual([]);
    expect(await ruleIds("import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n", 'electron/host/ok.ts')).toEqual([]);
    expect(await ruleIds("import { idSchema } from '../../shared/content/schema';\nexport const s = idSchema;\n", 'renderer/src/ok.ts')).toEqual([]);
  });
});
