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
 * The events kept for clients that reconnect with Last-Event-ID. Ids start at the boot time in ms and grow by one
 * per event, so an id from before a restart is older than anything here and gets a resync.
 *
 * An event about a `subject` (one order, one position, the funds...) carries that thing's whole new state, so only
 * the newest event of each subject is kept: a resume replays each thing's latest state instead of every price tick
 * that re-priced it, and the room (`size` events) goes to things, not ticks. Events without a subject (trades) are
 * each kept. When the room is full the oldest event is dropped, and a resume from before it gets a resync.
 */
export class EventBuffer {
  /** Kept events by id, oldest first (a Map keeps insertion order, and ids only grow). */
  private readonly events = new Map<number, WireEvent>();
  /** The id of the newest event of each subject, and the subject of each kept event that has one. */
  private readonly newestOfSubject = new Map<string, number>();
  private readonly subjectOfEvent = new Map<number, string>();
  private nextId: number;
  /** Every event up to this id that is not kept was dropped for room; a resume from before it has lost one. */
  private droppedUpTo: number;

  constructor(
    private readonly size: number,
    firstId: number,
  ) {
    this.nextId = firstId;
    this.droppedUpTo = firstId - 1;
  }

  /** Keeps and returns the next event; one about `subject` replaces the kept event about the same subject. */
  append(type: string, data: unknown, subject?: string): WireEvent {
    const id = this.nextId++;
    const frame = sseFrame(id, type, data);
    const event = { id, frame, bytes: Buffer.from(frame, 'utf8') };
    if (subject !== undefined) this.supersede(`${type}:${subject}`, id);
    this.events.set(id, event);
    while (this.events.size > this.size) this.dropOldest();
    return event;
  }

  /** The id of the newest event (or the one before the first, when none was sent yet). */
  lastId(): number {
    return this.nextId - 1;
  }

  /** Events after `lastSeen`, or null when some of them are no longer here (or the id is not ours). */
  since(lastSeen: number): WireEvent[] | null {
    if (!Number.isSafeInteger(lastSeen) || lastSeen > this.lastId() || lastSeen < this.droppedUpTo) return null;
    const missed: WireEvent[] = [];
    for (const event of this.events.values()) if (event.id > lastSeen) missed.push(event);
    return missed;
  }

  private supersede(key: string, id: number): void {
    const older = this.newestOfSubject.get(key);
    if (older !== undefined) {
      this.events.delete(older);
      this.subjectOfEvent.delete(older);
    }
    this.newestOfSubject.set(key, id);
    this.subjectOfEvent.set(id, key);
  }

  private dropOldest(): void {
    const oldest = this.events.keys().next().value as number;
    this.events.delete(oldest);
    this.droppedUpTo = oldest;
    const key = this.subjectOfEvent.get(oldest);
    if (key === undefined) return;
    this.subjectOfEvent.delete(oldest);
    this.newestOfSubject.delete(key);
  }
}
