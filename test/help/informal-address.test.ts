import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Staff are addressed as "je", never "u" (the project's rule for everything a user reads). This reads
 * every string the bot, its cards and the tab can show: string and template literals in the sources,
 * and the texts of the card templates. The draft letters to the aggressor (bot/measures/letters.ts)
 * address a citizen, formally, as a municipality's letter does: they are the one exception.
 */
const root = path.resolve(__dirname, '..', '..');
const letterToCitizen = path.join('bot', 'measures', 'letters.ts');
const formal = /(^|[^\p{L}\p{N}_-])(u|uw|uzelf|U|Uw|Uzelf)(?=$|[^\p{L}\p{N}_-])/u;

function files(dir: string, extensions: readonly string[]): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'dist' ? [] : files(relative, extensions);
    return extensions.some((extension) => entry.name.endsWith(extension)) ? [relative] : [];
  });
}

function sourceStrings(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.ES2022,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (
      ts.isStringLiteralLike(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      found.push(node.text);
    } else if (ts.isJsxText(node)) {
      found.push(node.text);
    }
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

function jsonStrings(file: string): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') found.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')));
  return found;
}

describe('staff are addressed as "je", never "u"', () => {
  const sources = [...files('bot', ['.ts']), ...files('tab/src', ['.ts', '.tsx'])].filter(
    (file) => file !== letterToCitizen,
  );
  const cards = files('cards', ['.json']);

  it('reads the sources and the cards', () => {
    expect(sources).toEqual(expect.arrayContaining([path.join('bot', 'duty', 'duty-module.ts')]));
    expect(cards.length).toBeGreaterThan(5);
  });

  it('has no "u", "uw" or "uzelf" in any text the bot, a card or the tab shows', () => {
    const offending = [
      ...sources.flatMap((file) => sourceStrings(file).map((text) => ({ file, text }))),
      ...cards.flatMap((file) => jsonStrings(file).map((text) => ({ file, text }))),
    ]
      // Regular expressions built from strings (the time parser's "14u30") are no text anyone reads.
      .filter(({ text }) => !/\(\?|\\[sdbw]/.test(text))
      .filter(({ text }) => formal.test(text));
    expect(offending).toEqual([]);
  });

  it('would notice one', () => {
    for (const text of ['Hoort u erbij?', 'Uw melding is ontvangen.', 'Kunt u dat herhalen', 'U bent aangemeld']) {
      expect(formal.test(text)).toBe(true);
    }
    for (const text of ['Hoor je erbij?', 'om 14u30', 'uur', 'Je melding', 'u-bocht', '\\u00e9']) {
      expect(formal.test(text)).toBe(false);
    }
  });
});
