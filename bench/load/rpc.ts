import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

/**
 * The load generators run in their own Node process (forked, TypeScript through ts-node's transpile-only
 * hook), so their CPU work and sockets are not counted as the api's: the api and the simulator share the
 * jest process, and process.memoryUsage() / event-loop figures taken there describe the server side only.
 * Parent and child talk over the IPC channel: `call` (request -> one answer) and `notices` (child -> parent).
 */

interface CallMessage {
  kind: 'call';
  id: number;
  cmd: string;
  args: unknown;
}
interface AnswerMessage {
  kind: 'answer';
  id: number;
  result?: unknown;
  error?: string;
}
export interface NoticeMessage {
  kind: 'notice';
  [key: string]: unknown;
}
type ChildMessage = AnswerMessage | NoticeMessage | { kind: 'ready' };

export class LoadChild {
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Set<(notice: NoticeMessage) => void>();
  private exited = false;

  private constructor(private readonly proc: ChildProcess) {
    proc.on('message', (m: ChildMessage) => {
      if (m.kind === 'answer') {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.error !== undefined) p?.reject(new Error(m.error));
        else p?.resolve(m.result);
      } else if (m.kind === 'notice') this.listeners.forEach((l) => l(m));
    });
    proc.on('exit', (code) => {
      this.exited = true;
      for (const p of this.pending.values()) p.reject(new Error(`load generator exited (${code})`));
      this.pending.clear();
    });
  }

  /**
   * Forks bench/load/<script>.ts and waits until it says it is ready. `env` is added to this process's. `quiet` drops
   * the child's stdout (the api prints a one-time sign-in link there, which has no place in a benchmark's output).
   */
  static start(script: string, env: Record<string, string> = {}, options: { quiet?: boolean } = {}): Promise<LoadChild> {
    const proc = fork(join(__dirname, `${script}.ts`), [], {
      execArgv: ['-r', 'ts-node/register/transpile-only'],
      env: { ...process.env, ...env, TS_NODE_PROJECT: join(__dirname, '..', 'tsconfig.json') },
      stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', 'inherit', 'ipc'],
    });
    const child = new LoadChild(proc);
    return new Promise((resolve, reject) => {
      proc.once('error', reject);
      proc.once('exit', (code) => reject(new Error(`load generator ${script} exited before it was ready (${code})`)));
      proc.on('message', (m: ChildMessage) => m.kind === 'ready' && resolve(child));
    });
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  call<T>(cmd: string, args: unknown = {}): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.proc.send({ kind: 'call', id, cmd, args } satisfies CallMessage);
    });
  }

  onNotice(listener: (notice: NoticeMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Ends this child (by its own handle, nothing else) and waits for it to exit. */
  async close(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise((r) => this.proc.once('exit', r));
    this.proc.kill('SIGTERM');
    await exited;
  }
}

/** Child side: answers the parent's calls with the given handlers, then says it is ready. */
export function serve(handlers: Record<string, (args: never) => Promise<unknown> | unknown>): void {
  process.on('message', async (m: CallMessage) => {
    if (m?.kind !== 'call') return;
    try {
      const handler = handlers[m.cmd];
      if (!handler) throw new Error(`unknown command ${m.cmd}`);
      const result = await handler(m.args as never);
      process.send?.({ kind: 'answer', id: m.id, result } satisfies AnswerMessage);
    } catch (error) {
      process.send?.({ kind: 'answer', id: m.id, error: String((error as Error)?.stack ?? error) } satisfies AnswerMessage);
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ kind: 'ready' });
}

export function notify(notice: Omit<NoticeMessage, 'kind'>): void {
  process.send?.({ kind: 'notice', ...notice });
}
