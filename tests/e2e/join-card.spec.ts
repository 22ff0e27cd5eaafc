/**
 * The printable join card (issue 14, point 4): title, room code, a join QR code per address and, with the Wi-Fi's
 * name and password typed in, a Wi-Fi QR code; it prints to a one-page PDF (looked at as an image), and the
 * password is stored nowhere (not in local or session storage, not in IndexedDB, not in the address bar).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, screenshot, SCREENSHOTS, test } from './fixtures';

test('the printable join card shows the join and Wi-Fi QR codes, prints to one page, and stores no password', async ({ page, host }) => {
  const key = new URL(host.line.consoleUrl as string).hash.replace('#key=', '');
  const created = (await (
    await fetch(new URL('/api/sessions', host.url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'MLOps workshop, room 4' }),
    })
  ).json()) as { code: string };
  await page.goto(`${host.url}join-card/${created.code}#key=${key}`);
  const card = page.getByTestId('printable-join-card');
  await expect(card.getByRole('heading', { name: 'MLOps workshop, room 4' })).toBeVisible();
  await expect(card.getByTestId('print-room-code')).toHaveText(created.code);
  await expect(card.getByTestId('join-qr').first()).toHaveAttribute('data-url', new RegExp(`/join/${created.code}$`));
  await expect(card.getByTestId('join-qr').first().locator('img')).toBeVisible();

  const secret = 'pa;ss:word-4711';
  await page.getByLabel('Wi-Fi network name (optional)').fill('Workshop-Guest');
  await page.getByLabel('Wi-Fi password').fill('short');
  await expect(page.getByRole('alert')).toContainText('a WPA password has 8 to 63 characters');
  await page.getByLabel('Wi-Fi password').fill(secret);
  const wifi = card.getByTestId('wifi-card');
  await expect(wifi.getByRole('img', { name: 'QR code to join the Wi-Fi network Workshop-Guest' })).toBeVisible();
  await expect(wifi).toContainText(secret);
  await screenshot(page, 'join-card', true);

  await page.emulateMedia({ media: 'print' });
  const pdfPath = join(SCREENSHOTS, 'join-card.pdf');
  await page.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
  expect((readFileSync(pdfPath, 'latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length, 'one printed page').toBe(1);
  execFileSync('pdftoppm', ['-png', '-r', '50', '-singlefile', pdfPath, join(SCREENSHOTS, 'join-card-pdf')]);

  // Nothing stored that should not be.
  const stored = await page.evaluate(async () => {
    const dbs = await indexedDB.databases();
    return JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, dbs: dbs.map((d) => d.name), url: location.href });
  });
  expect(stored).not.toContain(secret);
  expect(stored).not.toContain('pa;ss');
});
