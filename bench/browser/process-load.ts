import { readdirSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

/** How busy this process (api + simulator + benchmark driver) and a Chromium process tree were over a phase. */
export interface PhaseLoad {
  /** CPU time over wall time of this process: 100 = one core busy the whole time. */
  nodeCpuPercent: number;
  /** Share of the wall time this process's event loop was busy. */
  eventLoopBusyPercent: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** Time this process's main thread was ready to run but waited for a CPU (Linux schedstat), over wall time. */
  nodeRunQueueWaitPercent: number;
  /** CPU of Chromium (browser, renderer, GPU and utility processes) over wall time; NaN where /proc is missing. */
  chromiumCpuPercent: number;
}

const TICKS_PER_SECOND = 100;

function schedWaitNs(): number {
  try {
    return Number(readFileSync('/proc/self/schedstat', 'utf8').trim().split(/\s+/)[1]);
  } catch {
    return NaN;
  }
}

/** utime + stime (clock ticks) of `root` and every process below it. */
function treeCpuTicks(root: number): number {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return NaN;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may contain spaces.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(pid), Number(rest[1]));
      ticks.set(Number(pid), Number(rest[11]) + Number(rest[12]));
    } catch {
      // The process ended while we looked.
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid, hops = 0; p && hops < 64; p = parent.get(p), hops++) if (p === root) return true;
    return false;
  };
  let total = 0;
  for (const [pid, t] of ticks) if (inTree(pid)) total += t;
  return total;
}

/** The Chromium this process launched: a child of ours whose command name starts with "chrom". */
export function launchedChromiumPid(): number | undefined {
  try {
    for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid === process.pid && name.startsWith('chrom')) return Number(pid);
      } catch {
        // The process ended while we looked.
      }
    }
  } catch {
    // No /proc.
  }
  return undefined;
}

export function phaseMeter(chromiumPid: number | undefined): { stop(): PhaseLoad } {
  const cpu0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  const wait0 = schedWaitNs();
  const chrome0 = chromiumPid ? treeCpuTicks(chromiumPid) : NaN;
  const t0 = performance.now();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  return {
    stop: () => {
      delay.disable();
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const chrome = chromiumPid ? treeCpuTicks(chromiumPid) : NaN;
      return {
        nodeCpuPercent: ((cpu.user + cpu.system) / 1000 / wall) * 100,
        eventLoopBusyPercent: performance.eventLoopUtilization(elu0).utilization * 100,
        loopDelayP99Ms: delay.percentile(99) / 1e6,
        loopDelayMaxMs: delay.max / 1e6,
        nodeRunQueueWaitPercent: ((schedWaitNs() - wait0) / 1e6 / wall) * 100,
        chromiumCpuPercent: (((chrome - chrome0) / TICKS_PER_SECOND) * 1000 / wall) * 100,
      };
    },
  };
}

export function phaseLoadText(l: PhaseLoad): string {
  const pct = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(0)} %` : 'n/a');
  return [
    `api + simulator + driver (one Node process): CPU ${pct(l.nodeCpuPercent)} of one core, event loop busy ${pct(l.eventLoopBusyPercent)},`,
    `loop delay p99 ${l.loopDelayP99Ms.toFixed(1)} ms (max ${l.loopDelayMaxMs.toFixed(1)} ms), main thread waiting for a CPU ${pct(l.nodeRunQueueWaitPercent)} of the time;`,
    `Chromium (all its processes): CPU ${pct(l.chromiumCpuPercent)} of one core`,
  ].join(' ');
}
