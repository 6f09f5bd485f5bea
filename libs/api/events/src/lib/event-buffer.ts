/** One event as it goes on the wire, encoded once for every client. */
export interface WireEvent {
  id: number;
  frame: string;
  /** The frame as bytes, written as is to every client (no per-client encoding). */
  bytes: Buffer;
}

export function sseFrame(id: number, type: string, data: unknown): string {
  return `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** An event without an id (not replayable): see EventHub.publishTransient. */
export function transientFrame(type: string, data: unknown): string {
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The last `size` events, for clients that reconnect with Last-Event-ID. Ids start at the boot time in ms and
 * grow by one per event, so an id from before a restart is older than anything here and gets a resync.
 */
export class EventBuffer {
  private readonly events: WireEvent[] = [];
  private nextId: number;

  constructor(
    private readonly size: number,
    firstId: number,
  ) {
    this.nextId = firstId;
  }

  append(type: string, data: unknown): WireEvent {
    const id = this.nextId++;
    const frame = sseFrame(id, type, data);
    const event = { id, frame, bytes: Buffer.from(frame, 'utf8') };
    this.events.push(event);
    if (this.events.length > this.size) this.events.shift();
    return event;
  }

  /** The id of the newest event (or the one before the first, when none was sent yet). */
  lastId(): number {
    return this.nextId - 1;
  }

  /** Events after `lastSeen`, or null when some of them are no longer here (or the id is not ours). */
  since(lastSeen: number): WireEvent[] | null {
    if (!Number.isSafeInteger(lastSeen) || lastSeen > this.lastId()) return null;
    const oldest = this.events[0]?.id ?? this.nextId;
    if (lastSeen < oldest - 1) return null;
    return this.events.filter((e) => e.id > lastSeen);
  }
}
