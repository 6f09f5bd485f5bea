import { request, IncomingMessage, ClientRequest } from 'node:http';

export interface SseEvent {
  id: string | null;
  event: string;
  data: unknown;
}

/** A plain Server-Sent Events reader over node:http, for tests: collects events and comment lines. */
export class SseClient {
  readonly events: SseEvent[] = [];
  comments = 0;
  status = 0;
  ended = false;
  private req: ClientRequest | null = null;
  private buffer = '';

  static open(url: string, headers: Record<string, string>): Promise<SseClient> {
    const client = new SseClient();
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res: IncomingMessage) => {
        client.status = res.statusCode ?? 0;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => client.feed(chunk));
        res.on('end', () => (client.ended = true));
        res.on('close', () => (client.ended = true));
        res.on('error', () => (client.ended = true));
        resolve(client);
      });
      req.on('error', (e) => (client.status ? (client.ended = true) : reject(e)));
      req.end();
      client.req = req;
    });
  }

  of(type: string): SseEvent[] {
    return this.events.filter((e) => e.event === type);
  }

  lastId(): string | null {
    return [...this.events].reverse().find((e) => e.id !== null)?.id ?? null;
  }

  close(): void {
    this.req?.destroy();
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    let cut: number;
    while ((cut = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, cut);
      this.buffer = this.buffer.slice(cut + 2);
      let id: string | null = null;
      let event = 'message';
      const data: string[] = [];
      let comment = false;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) comment = true;
        else if (line.startsWith('id: ')) id = line.slice(4);
        else if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length) this.events.push({ id, event, data: JSON.parse(data.join('\n')) });
      else if (comment) this.comments++;
    }
  }
}
