/**
 * Owns: the accessibility check of the e2e suite (issue 14, point 6). `expectNoSeriousA11yViolations` runs axe-core
 * (@axe-core/playwright, every rule it enables by default, WCAG 2.x A/AA and best practices) on the page as it is
 * now and fails with a readable list of every violation of impact serious or critical: rule id, impact, what it
 * asks for, and each offending element's selector and a short HTML snippet. No rule is turned off; the only
 * exclusions are precise selectors of third-party elements the kit cannot change, each with its reason.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Light follows the system until chosen (renderer/src/app/theme.ts); the saved choice wins, so tests set it. */
export const THEME_KEY = 'workshop-kit:theme';
export type Theme = 'light' | 'dark';

/** Every page opened in this context starts in `theme` (before the app reads it). */
export async function useThemeIn(page: Page, theme: Theme): Promise<void> {
  await page.context().addInitScript(([key, value]) => localStorage.setItem(key, value), [THEME_KEY, theme] as const);
}

export interface A11yOptions {
  /** Elements left out of the check, each a precise selector with the reason it cannot be fixed in the kit. */
  exclude?: { selector: string; why: string }[];
}

const BLOCKING = new Set(['serious', 'critical']);

/** The serious and critical violations axe finds on the page, one readable line group each (empty when clean). */
export async function seriousA11yViolations(page: Page, options: A11yOptions = {}): Promise<string[]> {
  // Only violations are gathered (not the passes), which makes a run on a long page several times quicker.
  let builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] });
  for (const { selector } of options.exclude ?? []) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .map((v) => {
      const nodes = v.nodes.map((n) => {
        const html = n.html.replace(/\s+/g, ' ').slice(0, 160);
        const detail = n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 220)}` : '';
        return `    ${n.target.join(' >> ')}\n      ${html}${detail}`;
      });
      return `${v.id} (${v.impact}): ${v.help} [${nodes.length} element${nodes.length === 1 ? '' : 's'}]\n${nodes.join('\n')}`;
    });
}

/**
 * Fails the test (or, with `soft`, marks it failed and goes on to the next screen), naming each serious or critical violation (see
 * seriousA11yViolations), when axe finds any.
 */
export async function expectNoSeriousA11yViolations(
  page: Page,
  where: string,
  options: A11yOptions & { soft?: boolean } = {},
): Promise<void> {
  const found = await seriousA11yViolations(page, options);
  const message = `axe-core: serious or critical violations on ${where} (${page.url()})\n${found.join('\n')}\n`;
  (options.soft ? expect.soft : expect)(found.length, message).toBe(0);
}
