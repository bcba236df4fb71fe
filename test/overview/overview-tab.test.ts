import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { ManualClock } from '../../bot/shared/clock';
import { buildTab } from '../../scripts/build-tab';
import { chromiumInstallHint, findChromium, withoutChromium } from '../support/find-chromium';
import { startTestApp, stopAllTestApps, type TestApp } from '../support/test-app';
import { overviewEnv, sanne, seedOverview, seededNow } from './overview-seed';

const chromiumPath = findChromium();
if (!chromiumPath) {
  const message = `No Chromium found for the tab's browser test: ${chromiumInstallHint}.`;
  if (withoutChromium() === 'fail') throw new Error(`${message} CI=true, so this fails the run.`);
  process.stderr.write(`\n[overview-tab] SKIPPED: ${message}\n\n`);
}
const describeInBrowser = chromiumPath ? describe : describe.skip;
const artifacts = path.resolve(__dirname, '..', 'artifacts');

/**
 * The tab in a real browser (Debian's chromium, headless) against the real app with seeded data: the
 * development sign-in, the list, the charts, the CSV download, the alarms and the detail.
 */
describeInBrowser('Overzicht tab in a browser', () => {
  let browser: Browser;
  let test: TestApp;

  beforeAll(async () => {
    await buildTab();
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(stopAllTestApps);

  it('shows the list and the charts, downloads the CSV and opens an incident', async () => {
    test = await startTestApp({ env: overviewEnv, clock: new ManualClock(seededNow) });
    await seedOverview(test);
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1366, height: 1400 },
      locale: 'nl-NL',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));

    await page.goto(`${test.url}/tab/index.html`);
    await page.getByText('Ontwikkel-aanmelding').waitFor();
    await page.getByLabel('Testgebruiker').selectOption(sanne.aadObjectId);

    const grid = page.getByRole('grid', { name: 'Incidenten' });
    await grid.waitFor();
    await expectCount(() => grid.getByRole('row').count(), 5); // header and four incidents
    for (const chart of ['chart-month', 'chart-form', 'chart-place', 'chart-measure', 'chart-police']) {
      await expectCount(() => page.getByTestId(chart).locator('.recharts-bar-rectangle').count(), 1, 'at least');
    }
    await grid.getByText('Verbaal geweld, Intimidatie of bedreiging').waitFor();
    await page.getByText('Coördinator').first().waitFor();

    fs.mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'overview.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'CSV voor de jaarevaluatie' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('incidenten-begin-tot-nu.csv');
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toContain('"Incidentnummer";"Datum";"Tijd";"Vorm van agressie"');
    expect(csv).toContain('"AGR-2026-0004"');

    await page.getByLabel('Maatregel').selectOption('toegangsverbod');
    await expectCount(() => grid.getByRole('row').count(), 2);
    await grid.getByText('AGR-2026-0001').waitFor();
    await page.getByLabel('Maatregel').selectOption('');
    await page.getByLabel('Vorm van agressie').selectOption('fysiek-geweld');
    await expectCount(() => grid.getByRole('row').count(), 2);

    await grid.getByText('AGR-2026-0004').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Tijdlijn').waitFor();
    await dialog.getByText('Melding AGR-2026-0004 ingediend door Fatima Yilmaz').waitFor();
    // Dates as the bot writes them (no ISO, no comma, the time only where one is known).
    expect(await dialog.getByText('20 nov 2026 09:58', { exact: true }).count()).toBeGreaterThanOrEqual(2);
    expect(await dialog.getByText(/\d{4}-\d{2}-\d{2}/).count()).toBe(0);
    await page.screenshot({ path: path.join(artifacts, 'overview-detail.png') });
    await dialog.getByRole('button', { name: 'Sluiten' }).click();

    await page.getByRole('tab', { name: 'Alarmen en knoppen' }).click();
    await page.getByRole('grid', { name: 'Reactietijden per plek' }).getByText('Spreekkamer 2').waitFor();
    await expectCount(() => page.getByTestId('chart-alarms').locator('.recharts-bar-rectangle').count(), 1, 'at least');
    await page.screenshot({ path: path.join(artifacts, 'overview-alarms.png'), fullPage: true });

    await page.getByRole('tab', { name: 'Nazorg' }).click();
    const aftercare = page.getByRole('grid', { name: 'Nazorg' });
    await aftercare.getByText('2: Formulier te laat').waitFor();
    await aftercare.getByText('Nog niet ingepland').waitFor();
    await page.screenshot({ path: path.join(artifacts, 'overview-aftercare.png'), fullPage: true });

    await page.goto(`${test.url}/tab/index.html?theme=dark`);
    await grid.waitFor();
    await page.screenshot({ path: path.join(artifacts, 'overview-dark.png') });
    expect(failures).toEqual([]);
    await context.close();
  }, 60_000);
});

async function expectCount(count: () => Promise<number>, expected: number, mode: 'exactly' | 'at least' = 'exactly') {
  const deadline = Date.now() + 10_000;
  let last = -1;
  while (Date.now() < deadline) {
    last = await count();
    if (mode === 'exactly' ? last === expected : last >= expected) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected ${mode} ${expected}, found ${last}`);
}
