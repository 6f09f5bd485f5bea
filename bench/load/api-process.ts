import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { recordWallStages, WallPoint, WallStages } from '../wall-stages';
import { serve } from './rpc';

/**
 * The built api (`dist/apps/api/main.js`, what `npm start` runs) in a process of its own, with probes the
 * benchmark calls over IPC: the wall-clock stages of its HTTP requests (Node's diagnostics channels, see
 * wall-stages.ts), a V8 CPU profile, and its memory after full collections. The env (PORT, DATA_DIR, ...) comes from the parent.
 */
export interface StagesArgs {
  deskMethod: string;
  deskPathPrefix: string;
  brokerPathPrefix: string;
  /** The points the write passes (wall-stages.ts WRITE_POINTS); a place's when not given. */
  points?: readonly WallPoint[];
}

let recording: { stop: () => WallStages } | null = null;
let session: Session | null = null;

function post<R>(method: string, params?: object): Promise<R> {
  return new Promise((resolve, reject) =>
    (session as Session).post(method, params, (err, res) => (err ? reject(err) : resolve(res as R))),
  );
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

serve({
  /** Resident and heap memory after full collections, in MB. */
  memory: () => {
    for (let i = 0; i < 3; i++) gc();
    const m = process.memoryUsage();
    return { rssMb: m.rss / 1048576, heapMb: m.heapUsed / 1048576 };
  },
  stagesStart: (a: StagesArgs) => {
    recording = recordWallStages(
      (method, url) => method === a.deskMethod && url.startsWith(a.deskPathPrefix),
      (path) => path.startsWith(a.brokerPathPrefix),
      a.points,
    );
  },
  stagesStop: () => {
    const result = recording?.stop() ?? null;
    recording = null;
    return result;
  },
  profileStart: async () => {
    session = new Session();
    session.connect();
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 100 });
    await post('Profiler.start');
  },
  /** Writes the profile to `file` (it can be tens of MB: a file, not an IPC message). */
  profileStop: async (a: { file: string }) => {
    const { profile } = await post<{ profile: unknown }>('Profiler.stop');
    writeFileSync(a.file, JSON.stringify(profile));
    session?.disconnect();
    session = null;
  },
});

require(join(__dirname, '..', '..', 'dist', 'apps', 'api', 'main.js'));
