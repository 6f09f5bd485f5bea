/**
 * Host header allowlist (DNS rebinding defence): only `localhost`, `127.0.0.1`, `[::1]` and configured names,
 * each with the port the server actually listens on. Until the port is known every request is refused.
 */
export class HostAllowlist {
  private port: number | undefined;

  constructor(private readonly extraNames: string[]) {}

  setListeningPort(port: number): void {
    this.port = port;
  }

  get listeningPort(): number | undefined {
    return this.port;
  }

  private names(): string[] {
    return ['localhost', '127.0.0.1', '[::1]', ...this.extraNames.map((n) => n.toLowerCase())];
  }

  /** Every accepted `host:port` (plus the bare names when the port is 80, as browsers omit it then). */
  allowedHosts(): Set<string> {
    if (this.port === undefined) return new Set();
    const port = this.port;
    const hosts = this.names().map((name) => `${name}:${port}`);
    if (port === 80) hosts.push(...this.names());
    return new Set(hosts);
  }

  isAllowedHost(host: string | undefined): boolean {
    return host !== undefined && this.allowedHosts().has(host.toLowerCase());
  }

  /** Origins the dashboard can have: `http://` + an allowed host. */
  isAllowedOrigin(origin: string | undefined): boolean {
    if (!origin || !origin.startsWith('http://')) return false;
    return this.isAllowedHost(origin.slice('http://'.length));
  }
}
