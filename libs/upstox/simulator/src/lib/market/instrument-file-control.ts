import { body, ControlError, ControlHandler, intField, ok } from '../control-body';
import type { InstrumentFileFailure, InstrumentFileSize } from './instrument-file-service';

const FAILURES: InstrumentFileFailure[] = ['status', 'truncated', 'corrupt'];
const SIZES: InstrumentFileSize[] = ['full', 'demo'];

/**
 * `/__sim/instrument-file`: GET the state of complete.json.gz (size, date, armed failure, downloads); POST
 * `{fail_next: 'status'|'truncated'|'corrupt', count?}` to make the next download(s) fail, `{bump_date: true}` for
 * Upstox's daily regeneration (the date moves a day on), `{size: 'full'|'demo'}` to switch the file.
 */
export const instrumentFileControlHandlers: Record<string, ControlHandler> = {
  'GET instrument-file': (core) => ok(core.instrumentFile.state()),
  'POST instrument-file': (core, ctx) => {
    const b = body(ctx);
    if (b['size'] !== undefined) {
      if (!SIZES.includes(b['size'] as InstrumentFileSize)) throw new ControlError(400, `size must be one of ${SIZES.join(', ')}`);
      core.instrumentFile.setSize(b['size'] as InstrumentFileSize);
    }
    if (b['fail_next'] !== undefined) {
      if (!FAILURES.includes(b['fail_next'] as InstrumentFileFailure)) {
        throw new ControlError(400, `fail_next must be one of ${FAILURES.join(', ')}`);
      }
      core.instrumentFile.failNext(b['fail_next'] as InstrumentFileFailure, intField(b, 'count', 1, 1, 100));
    }
    if (b['bump_date'] !== undefined) {
      if (b['bump_date'] !== true) throw new ControlError(400, 'bump_date must be true');
      core.instrumentFile.bumpDate();
    }
    return ok(core.instrumentFile.state());
  },
};
