import { Injectable, Logger } from '@nestjs/common';

/**
 * Tells whoever follows the Upstox connection (the portfolio stream, the event stream) that it changed:
 * saved, expired, removed, or its live stream changed state. Listeners re-read what they need; the
 * notification carries nothing, so it can never carry a secret.
 */
@Injectable()
export class ConnectionChanges {
  private readonly logger = new Logger('UpstoxConnection');
  private readonly listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        this.logger.error(`a connection listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
