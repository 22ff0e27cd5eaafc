/**
 * End-to-end tests in Debian's Chromium (never a downloaded browser) against the built app served by the real
 * host, plus the Electron smoke test where the Electron binary exists.
 */
import { defineConfig } from '@playwright/test';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests',
  testMatch: ['e2e/**/*.spec.ts', 'electron/**/*.spec.ts'],
  outputDir: 'test-results/playwright',
  fullyParallel: true,
  // Two at most at once on a 2-core machine, and never two room specs together (see the projects).
  workers: 2,
  retries: 0,
  // Timeouts only bound hangs: no test's result depends on how fast this machine is. A test fails on a wrong
  // state, never because the machine was busy, so the budgets are generous.
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    viewport: { width: 1280, height: 720 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  // Weight classes: the kit's pages are one light browser context each and run two at a time; the room specs open
  // a facilitator, a projector and several learners each (plus a host), so they run one at a time, beside at most
  // one light page.
  projects: [
    { name: 'chromium', testMatch: ['e2e/kit.spec.ts', 'e2e/kit-dark.spec.ts', 'e2e/preflight.spec.ts', 'e2e/join-card.spec.ts', 'e2e/desktop-menu.spec.ts', 'e2e/lab.spec.ts', 'e2e/lab-compare.spec.ts', 'e2e/lab-views.spec.ts'] },
    { name: 'room', testMatch: ['e2e/room.spec.ts', 'e2e/live.spec.ts', 'e2e/team.spec.ts', 'e2e/reflect.spec.ts', 'e2e/evaluate.spec.ts', 'e2e/export.spec.ts', 'e2e/learner-export.spec.ts', 'e2e/circles.spec.ts', 'e2e/cues.spec.ts', 'e2e/console.spec.ts', 'e2e/board-a11y.spec.ts', 'e2e/largeroom.spec.ts', 'e2e/a11y.spec.ts', 'e2e/lab-room.spec.ts'], workers: 1, fullyParallel: false },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts', workers: 1 },
  ],
});
