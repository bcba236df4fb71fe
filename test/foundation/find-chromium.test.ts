import { findChromium, withoutChromium } from '../support/find-chromium';

describe('finding a browser for the tab test', () => {
  const only =
    (...files: string[]) =>
    (file: string) =>
      files.includes(file);

  it.each([
    [
      'CHROMIUM_PATH wins over the usual paths',
      { CHROMIUM_PATH: '/opt/chrome/chrome' },
      only('/opt/chrome/chrome', '/usr/bin/chromium'),
      '/opt/chrome/chrome',
    ],
    ["Debian's package", {}, only('/usr/bin/chromium'), '/usr/bin/chromium'],
    ["Ubuntu's older package name", {}, only('/usr/bin/chromium-browser'), '/usr/bin/chromium-browser'],
    ['Google Chrome', {}, only('/usr/bin/google-chrome-stable'), '/usr/bin/google-chrome-stable'],
    ['none anywhere', {}, only(), undefined],
    ['an empty CHROMIUM_PATH is as if unset', { CHROMIUM_PATH: ' ' }, only('/usr/bin/chromium'), '/usr/bin/chromium'],
  ])('%s', (_name, env, exists, expected) => {
    expect(findChromium(env, exists)).toBe(expected);
  });

  it('refuses a CHROMIUM_PATH that does not exist rather than silently using another browser', () => {
    expect(() => findChromium({ CHROMIUM_PATH: '/nowhere/chrome' }, only('/usr/bin/chromium'))).toThrow(
      /CHROMIUM_PATH .*does not exist/,
    );
  });

  it.each([
    [{ CI: 'true' }, 'fail'],
    [{ CI: '1' }, 'fail'],
    [{}, 'skip'],
    [{ CI: 'false' }, 'skip'],
  ])('without a browser, %j means %s', (env, expected) => {
    expect(withoutChromium(env)).toBe(expected);
  });
});
