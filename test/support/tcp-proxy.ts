import net from 'node:net';
import { developmentConnectionString } from '../../bot/platform/storage/table-provider';

export type CutMode = 'blackhole' | 'refuse';

/**
 * A TCP proxy on 127.0.0.1 in front of a real server (Azurite, the fake connector, …) that a test can
 * cut and restore, to see what the bot does while a dependency is gone:
 *
 * - `cut()` (blackhole, the default): live connections are destroyed; new ones are accepted and never
 *   answered (a storage account that hangs). `cut('refuse')`: new connections are reset at once.
 * - `restore()`: new connections are forwarded again (blackholed ones are destroyed).
 *
 * `connections` counts the connections the proxy accepted, forwarded or not.
 */
export class TcpProxy {
  private server: net.Server | undefined;
  private readonly live = new Set<net.Socket>();
  private mode: 'forward' | CutMode = 'forward';
  connections = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  /** A proxy in front of the jest run's Azurite (TEST_STORAGE_CONNECTION_STRING). */
  static forAzurite(): TcpProxy {
    const connectionString = process.env.TEST_STORAGE_CONNECTION_STRING;
    const match = /TableEndpoint=https?:\/\/([^:/;]+):(\d+)/i.exec(connectionString ?? '');
    if (!match) throw new Error('Azurite did not start (jest global set-up)');
    return new TcpProxy({ host: match[1] as string, port: Number(match[2]) });
  }

  async start(): Promise<this> {
    const server = net.createServer((client) => this.accept(client));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return this;
  }

  get port(): number {
    const address = this.server?.address();
    if (!address || typeof address === 'string') throw new Error('the proxy is not started');
    return address.port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** A storage connection string whose table endpoint is this proxy (for a proxy in front of Azurite). */
  get storageConnectionString(): string {
    return developmentConnectionString('127.0.0.1', this.port);
  }

  cut(mode: CutMode = 'blackhole'): void {
    this.mode = mode;
    this.destroyAll();
  }

  restore(): void {
    this.mode = 'forward';
    this.destroyAll();
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.destroyAll();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    this.connections++;
    client.on('error', () => undefined);
    if (this.mode === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    this.track(client);
    if (this.mode === 'blackhole') {
      client.pause(); // read nothing, answer nothing
      return;
    }
    const upstream = net.connect(this.target.port, this.target.host);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    this.track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
  }

  private track(socket: net.Socket): void {
    this.live.add(socket);
    socket.once('close', () => this.live.delete(socket));
  }

  private destroyAll(): void {
    for (const socket of this.live) socket.destroy();
    this.live.clear();
  }
}
