import fs from 'node:fs';

/** Where a Chromium is usually installed: Debian/Ubuntu packages, snap, Chrome for Testing, macOS. */
export const usualChromiumPaths = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export const chromiumInstallHint =
  "install Debian's chromium (sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary";

/**
 * The browser for the tab's test: CHROMIUM_PATH when set (it must exist), else the first of the usual
 * paths that exists, else undefined.
 */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  exists: (file: string) => boolean = fs.existsSync,
): string | undefined {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) {
    if (!exists(configured)) throw new Error(`CHROMIUM_PATH is set to ${configured}, which does not exist`);
    return configured;
  }
  return usualChromiumPaths.find((candidate) => exists(candidate));
}

/**
 * What to do without a browser: in CI (CI=true) the browser test must run, so its absence fails the
 * run; on a developer's machine the test is skipped and says how to install one.
 */
export function withoutChromium(env: NodeJS.ProcessEnv = process.env): 'fail' | 'skip' {
  return env.CI === 'true' || env.CI === '1' ? 'fail' : 'skip';
}
