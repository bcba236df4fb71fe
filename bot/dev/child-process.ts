import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import net from 'node:net';

/**
 * A child we started and must stop, by PID: its stop signal first (SIGTERM unless said otherwise),
 * SIGKILL after a grace period, with a warning, since a child killed that way could not finish.
 */
export interface ManagedChild {
  name: string;
  process: ChildProcess;
  exited: Promise<number | null>;
  /** Sends the stop signal once (later calls wait for the same exit) and resolves when the child is gone. */
  stop(graceMs?: number): Promise<void>;
}

/** How a child is stopped. */
export interface StopPolicy {
  /** The signal that asks it to stop cleanly (Azurite saves its data on SIGINT only). */
  signal?: NodeJS.Signals;
  /** How long to wait for it before SIGKILL (default 5 s). */
  graceMs?: number;
  /**
   * Its own process group (`detached`), so the signals a terminal sends to its foreground group (Ctrl-C,
   * SIGHUP when the window closes) reach only us, and the child is stopped when and how we decide.
   * Not on Windows, where `detached` opens a console window.
   */
  ownProcessGroup?: boolean;
  /** Where the SIGKILL warning goes (default stderr). */
  warn?: (line: string) => void;
}

export function startChild(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions = {},
  policy: StopPolicy = {},
): ManagedChild {
  const child = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
    ...(policy.ownProcessGroup && process.platform !== 'win32' ? { detached: true } : {}),
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const signal = policy.signal ?? 'SIGTERM';
  const warn = policy.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  let stopping: Promise<void> | undefined;
  return {
    name,
    process: child,
    exited,
    stop(graceMs = policy.graceMs ?? 5000) {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        // One signal only: a second SIGINT would kill Azurite while it saves.
        child.kill(signal);
        let timer: NodeJS.Timeout | undefined;
        const killed = await Promise.race([
          exited.then(() => false),
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs))),
        ]);
        clearTimeout(timer);
        if (!killed) return;
        warn(
          `Waarschuwing: ${name} (pid ${child.pid}) stopte niet binnen ${graceMs / 1000} s na ${signal} en is met SIGKILL beëindigd.`,
        );
        child.kill('SIGKILL');
        await exited;
      })();
      return stopping;
    },
  };
}

/** Resolves with the first line of the child's output that matches, or rejects on exit / timeout. */
export function waitForOutput(child: ManagedChild, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = buffer.match(pattern);
      if (match) {
        cleanup();
        resolve(match);
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`${child.name} exited (${code}) before it was ready. Output:\n${buffer.slice(-2000)}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${child.name} was not ready within ${timeoutMs} ms. Output:\n${buffer.slice(-2000)}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.process.stdout?.off('data', onData);
      child.process.stderr?.off('data', onData);
      child.process.off('exit', onExit);
    };
    child.process.stdout?.on('data', onData);
    child.process.stderr?.on('data', onData);
    child.process.once('exit', onExit);
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`Nothing listens on port ${port} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
