/**
 * Runs each order's lifecycle steps one after another, `delayMs` of real time apart. Steps of different
 * orders run independently. `stopAll()` (reset / close) drops every pending step.
 */
export type Step = () => void;

export class StepScheduler {
  private readonly queues = new Map<string, Step[]>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly delayMs: number) {}

  enqueue(key: string, ...steps: Step[]): void {
    const queue = this.queues.get(key);
    if (queue) {
      queue.push(...steps);
      return;
    }
    this.queues.set(key, [...steps]);
    this.schedule(key);
  }

  /** Runs `step` right after the step currently running (used for follow-ups decided at run time). */
  next(key: string, ...steps: Step[]): void {
    const queue = this.queues.get(key);
    if (queue) queue.unshift(...steps);
    else this.enqueue(key, ...steps);
  }

  isBusy(key: string): boolean {
    return this.queues.has(key);
  }

  stopAll(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.queues.clear();
  }

  private schedule(key: string): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const queue = this.queues.get(key);
      const step = queue?.shift();
      if (!queue || !step) {
        this.queues.delete(key);
        return;
      }
      try {
        step();
      } finally {
        if (queue.length === 0 && this.queues.get(key) === queue) this.queues.delete(key);
        else if (this.queues.get(key) === queue) this.schedule(key);
      }
    }, this.delayMs);
    this.timers.add(timer);
  }
}
