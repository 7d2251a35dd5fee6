/**
 * The patient strip and the header at 1366×768 and at 200 % zoom (a 683×384 CSS viewport):
 * scrolled to the bottom of the PSS editor, the patient's name, age and codice fiscale are
 * still on screen and not under the header, and the header still shows the outbox count and
 * the connection state.
 */
import type { Page } from '@playwright/test';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import { expect, test } from './fixtures.ts';
import { rpc } from './rpc.ts';

test.describe.configure({ timeout: 120_000 });

async function visibleBelowHeader(page: Page, testId: string) {
  const header = await page.locator('header').first().boundingBox();
  const box = await page.getByTestId(testId).boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, testId).not.toBeNull();
  expect(box!.y, `${testId} below the header`).toBeGreaterThanOrEqual((header?.y ?? 0) + (header?.height ?? 0) - 1);
  expect(box!.y + box!.height, `${testId} inside the window`).toBeLessThanOrEqual(viewport.height);
}

for (const [name, size] of [['1366×768', { width: 1366, height: 768 }], ['200 % zoom', { width: 683, height: 384 }]] as const) {
  test(`patient strip and header at ${name}`, async ({ app: page, host }) => {
    const surname = size.width > 1000 ? 'Striscia' : 'Zoom';
    const identifier = encodeCodiceFiscale({ surname, givenName: 'Paola', birthDate: '1950-02-10', sex: 'F', belfiore: 'H501' });
    const p = await rpc<{ id: string }>(host, 'patients.create', { surname, givenName: 'Paola', sex: 'F', birthDate: '1950-02-10', identifierKind: 'CF', identifier });
    await page.setViewportSize(size);
    await page.evaluate((id) => (location.hash = `#/assistiti/${id}/pss`), p.id);
    await expect(page.getByRole('heading', { name: 'Profilo Sanitario Sintetico', level: 1 })).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(200);
    for (const id of ['patient-name', 'patient-age', 'patient-identifier']) await visibleBelowHeader(page, id);
    await expect(page.getByTestId('patient-identifier')).toHaveText(identifier);
    const strip = await page.getByTestId('patient-header').boundingBox();
    expect(strip!.height, 'the strip leaves most of the screen to the work').toBeLessThan(size.height / 3);
    await expect(page.getByTestId('outbox-header-badge')).toBeVisible();
    await expect(page.getByTestId('gateway-state')).toBeVisible();
    await expect(page.getByTestId('connection-state')).toBeVisible();
  });
}
