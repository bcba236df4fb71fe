/**
 * A small reader for the parts of a Bicep file the infra test checks: parameters (with their
 * decorators), variables' object literals, resources and their blocks, outputs. Not a Bicep parser:
 * it relies on the template's plain layout (one declaration per line, objects with one
 * `key: value` per line), which the test's own assertions would expose if it changed.
 */

export interface BicepParam {
  name: string;
  type: string;
  defaultValue?: string;
  secure: boolean;
}

export interface BicepResource {
  symbol: string;
  type: string;
  /** The resource's body, from its opening brace to the matching closing brace. */
  body: string;
  start: number;
  end: number;
}

export interface BicepOutput {
  name: string;
  type: string;
  value: string;
}

/**
 * Removes `//` and `/* *\/` comments, keeping string contents (Bicep strings are single-quoted,
 * escape with a backslash, and may hold `${...}` interpolations) and line structure.
 */
export function stripComments(source: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i]!;
    const next = source[i + 1];
    if (inString) {
      out += char;
      if (char === '\\' && next !== undefined) {
        out += next;
        i += 1;
      } else if (char === "'") {
        inString = false;
      }
      continue;
    }
    if (char === "'") {
      inString = true;
      out += char;
    } else if (char === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') i += 1;
      out += '\n';
    } else if (char === '/' && next === '*') {
      const close = source.indexOf('*/', i + 2);
      const comment = source.slice(i, close === -1 ? source.length : close + 2);
      out += comment.replace(/[^\n]/g, '');
      i = close === -1 ? source.length : close + 1;
    } else {
      out += char;
    }
  }
  return out;
}

const closerOf: Record<string, string> = { '{': '}', '[': ']', '(': ')' };

type BracketEvent =
  | { kind: 'close'; at: number; char: string; expected: string | undefined; depth: number }
  | { kind: 'newline-in-string'; at: number };

/**
 * Walks `source` from `from`, skipping single-quoted strings: yields each closing bracket with the
 * one the open brackets expect there, and each newline inside a string. Returns the open brackets'
 * closers and whether the text ended inside a string.
 */
function* brackets(source: string, from: number): Generator<BracketEvent, { stack: string[]; inString: boolean }> {
  const stack: string[] = [];
  let inString = false;
  for (let i = from; i < source.length; i += 1) {
    const char = source[i]!;
    if (inString) {
      if (char === '\n') yield { kind: 'newline-in-string', at: i };
      if (char === '\\') i += 1;
      else if (char === "'") inString = false;
      continue;
    }
    if (char === "'") inString = true;
    else if (closerOf[char]) stack.push(closerOf[char]);
    else if (char === '}' || char === ']' || char === ')') {
      const expected = stack.pop();
      yield { kind: 'close', at: i, char, expected, depth: stack.length };
    }
  }
  return { stack, inString };
}

/** Index of the bracket closing the one at `open`, skipping brackets inside strings. */
export function matchingBracket(source: string, open: number): number {
  for (const event of brackets(source, open)) {
    if (event.kind !== 'close') continue;
    if (event.expected !== event.char) throw new Error(`unbalanced ${event.char} at offset ${event.at}`);
    if (event.depth === 0) return event.at;
  }
  throw new Error(`no closing bracket for offset ${open}`);
}

/** Checks that every bracket outside strings is balanced; returns the problem or undefined. */
export function bracketProblem(source: string): string | undefined {
  const lineOf = (at: number) => source.slice(0, at).split('\n').length;
  const walk = brackets(source, 0);
  for (let step = walk.next(); ; step = walk.next()) {
    if (step.done) {
      if (step.value.inString) return 'unterminated string at end of file';
      return step.value.stack.length > 0 ? `unclosed bracket(s): ${step.value.stack.join(' ')}` : undefined;
    }
    const event = step.value;
    if (event.kind === 'newline-in-string') return `unterminated string at line ${lineOf(event.at)}`;
    if (event.expected !== event.char) return `unexpected ${event.char} at line ${lineOf(event.at)}`;
  }
}

export class BicepFile {
  readonly code: string;

  constructor(readonly source: string) {
    this.code = stripComments(source);
  }

  params(): BicepParam[] {
    const params: BicepParam[] = [];
    let secure = false;
    for (const line of this.code.split('\n').map((text) => text.trim())) {
      if (line.startsWith('@secure()')) secure = true;
      const match = /^param\s+(\w+)\s+(\w+)(?:\s*=\s*(.+))?$/.exec(line);
      if (!match) continue;
      params.push({ name: match[1]!, type: match[2]!, defaultValue: match[3]?.trim(), secure });
      secure = false;
    }
    return params;
  }

  /** Names of the top-level `var` declarations. */
  variables(): string[] {
    return [...this.code.matchAll(/^var\s+(\w+)\s*=/gm)].map((match) => match[1]!);
  }

  /** `param name = value` assignments of a `.bicepparam` file, in order (a name twice is a Bicep error). */
  assignmentList(): [string, string][] {
    const assigned: [string, string][] = [];
    for (const line of this.code.split('\n').map((text) => text.trim())) {
      const match = /^param\s+(\w+)\s*=\s*(.+)$/.exec(line);
      if (match) assigned.push([match[1]!, match[2]!.trim()]);
    }
    return assigned;
  }

  /** `param name = value` assignments of a `.bicepparam` file. */
  assignments(): Map<string, string> {
    return new Map(this.assignmentList());
  }

  /**
   * Names declared more than once, which Bicep refuses (BCP028) and the maps above would hide:
   * parameters, variables, resources, outputs, and `.bicepparam` assignments.
   */
  duplicateDeclarations(): string[] {
    const names = [
      ...this.params().map((param) => `param ${param.name}`),
      ...this.variables().map((name) => `var ${name}`),
      ...this.resources().map((resource) => `resource ${resource.symbol}`),
      ...this.outputs().map((output) => `output ${output.name}`),
      ...this.assignmentList().map(([name]) => `param ${name} =`),
    ];
    return duplicatesIn(names);
  }

  /** The top-level `key: value` entries of `var <name> = { ... }`, keyed by their key. */
  objectVariable(name: string): Map<string, string> {
    return new Map(this.objectVariableEntries(name));
  }

  /** The same entries in order, a key twice included (Bicep refuses that, BCP025). */
  objectVariableEntries(name: string): [string, string][] {
    const declaration = new RegExp(`^var\\s+${name}\\s*=\\s*\\{`, 'm').exec(this.code);
    if (!declaration) throw new Error(`var ${name} not found`);
    const open = declaration.index + declaration[0].length - 1;
    const body = this.code.slice(open + 1, matchingBracket(this.code, open));
    const entries: [string, string][] = [];
    let depth = 0;
    for (const line of body.split('\n')) {
      const trimmed = line.trim();
      if (depth === 0) {
        const match = /^'?([A-Za-z_][A-Za-z0-9_]*)'?\s*:\s*(.+)$/.exec(trimmed);
        if (match) entries.push([match[1]!, match[2]!.trim()]);
      }
      for (const char of trimmed.replace(/'(?:\\.|[^'\\])*'/g, "''")) {
        if (char === '{' || char === '[') depth += 1;
        if (char === '}' || char === ']') depth -= 1;
      }
    }
    return entries;
  }

  resources(): BicepResource[] {
    const resources: BicepResource[] = [];
    const pattern = /^resource\s+(\w+)\s+'([^'@]+)@[^']+'\s*=\s*(?:if\s*\([^)]*\)\s*)?\{/gm;
    for (let match = pattern.exec(this.code); match; match = pattern.exec(this.code)) {
      const open = match.index + match[0].length - 1;
      const end = matchingBracket(this.code, open);
      resources.push({ symbol: match[1]!, type: match[2]!, body: this.code.slice(open, end + 1), start: open, end });
    }
    return resources;
  }

  outputs(): BicepOutput[] {
    const outputs: BicepOutput[] = [];
    for (const line of this.code.split('\n').map((text) => text.trim())) {
      const match = /^output\s+(\w+)\s+(\w+)\s*=\s*(.+)$/.exec(line);
      if (match) outputs.push({ name: match[1]!, type: match[2]!, value: match[3]!.trim() });
    }
    return outputs;
  }
}

/** The value of a simple `key: value` property directly inside a resource body, if present. */
export function propertyOf(body: string, key: string): string | undefined {
  return new RegExp(`^\\s*${key}\\s*:\\s*(.+)$`, 'm').exec(body)?.[1]?.trim();
}

/** The values that occur more than once, each once. */
export function duplicatesIn(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const value of values) (seen.has(value) ? twice : seen).add(value);
  return [...twice];
}
