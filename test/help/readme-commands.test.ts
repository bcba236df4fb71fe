import fs from 'node:fs';
import path from 'node:path';
import { admin, startTestApp, stopAllTestApps, type TestApp } from '../support/test-app';

afterEach(stopAllTestApps);

/**
 * The README's command table ("## In Teams") and what `help` lists must say the same: every command
 * `help` shows has a row, and every word a row tells people to type is a command there, in the kind of
 * conversation the row names ("personal chat", "channel"; "chat" alone is the personal chat).
 */
const readme = path.resolve(__dirname, '..', '..', 'README.md');

type Scope = 'personal' | 'channel';

interface ReadmeRow {
  where: string;
  scopes: Scope[];
  /** The first word of each command the row names (`@Halteam koppel halteam` → `koppel`). */
  words: string[];
}

function readmeCommandTable(markdown: string): ReadmeRow[] {
  const section = markdown.split(/^## /m).find((part) => part.startsWith('In Teams'));
  if (!section) throw new Error('README.md has no "## In Teams" section');
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  const [header, separator, ...body] = rows;
  expect(header).toEqual(['where', 'type', 'what happens']);
  expect(separator?.every((cell) => /^-+$/.test(cell))).toBe(true);
  return body.map(([where = '', type = '']) => ({
    where,
    scopes: [
      ...(/personal chat|\bchat\b/.test(where) ? (['personal'] as const) : []),
      ...(/channel/.test(where) ? (['channel'] as const) : []),
    ],
    words: [...type.matchAll(/`([^`]+)`/g)].map((match) =>
      match[1]!
        .replace(/^@Halteam\s+/, '')
        .split(/\s+/)[0]!
        .toLowerCase(),
    ),
  }));
}

describe('the README’s command table matches `help`', () => {
  let test: TestApp;
  const channel = '19:halteam@thread.tacv2';

  beforeEach(async () => {
    test = await startTestApp();
  });

  /** The commands the help card lists in this kind of conversation, by their first word. */
  async function helpWords(scope: Scope): Promise<string[]> {
    const before = test.connector.sent().length;
    if (scope === 'personal') await test.bot.personal(admin, 'help');
    else await test.bot.channel(channel, admin, 'help');
    const card = test.connector.sent().slice(before)[0]!.body.attachments as { content: { body: unknown[] } }[];
    const facts = card[0]!.content.body.find(
      (element): element is { type: 'FactSet'; facts: { title: string }[] } =>
        (element as { type?: string }).type === 'FactSet',
    )!.facts;
    return facts.map((fact) => fact.title.split(/\s+/)[0]!.toLowerCase());
  }

  /** Whether the bot takes this word as a command there (an alias `help` does not list, e.g. `aanwezig`). */
  async function understood(scope: Scope, word: string): Promise<boolean> {
    const before = test.connector.sent().length;
    if (scope === 'personal') await test.bot.personal(admin, word);
    else await test.bot.channel(channel, admin, word);
    const replies = test.connector.sent().slice(before);
    return !replies.some((call) => /Dat herken ik niet|werkt in een/.test(String(call.body.text ?? '')));
  }

  it('lists every command of `help` in the README, and every README command works where the README says', async () => {
    const table = readmeCommandTable(fs.readFileSync(readme, 'utf8'));
    expect(table.length).toBeGreaterThan(5);
    const help: Record<Scope, string[]> = {
      personal: await helpWords('personal'),
      channel: await helpWords('channel'),
    };
    expect(help.personal).toEqual(expect.arrayContaining(['help', 'melden', 'incident']));

    // help → README: no command without a row.
    const inReadme = new Set(table.flatMap((row) => row.words));
    const missing = [...new Set([...help.personal, ...help.channel])].filter((word) => !inReadme.has(word));
    expect({ missingFromReadme: missing }).toEqual({ missingFromReadme: [] });

    // README → help: each word is a command (or its alias) in each kind of conversation the row names.
    const wrong: string[] = [];
    for (const row of table) {
      expect({ row: row.where, scopes: row.scopes.length > 0 }).toEqual({ row: row.where, scopes: true });
      for (const word of row.words) {
        for (const scope of row.scopes) {
          if (!help[scope].includes(word) && !(await understood(scope, word))) wrong.push(`${word} (${scope})`);
        }
      }
    }
    expect({ notInHelp: wrong }).toEqual({ notInHelp: [] });
  });
});
