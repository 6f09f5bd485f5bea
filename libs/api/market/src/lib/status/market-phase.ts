import type { MarketSegmentPhase } from '@desk/contracts';
import type { MarketSegmentStatus } from '@desk/upstox/client';

/**
 * Upstox's segment status (market_info) as the phase a trader acts on.
 * PRE_OPEN_END is still `pre-open`: the pre-open order collection has ended (09:08 IST) but orders are matched and
 * the book is buffered until NORMAL_OPEN (09:15); nothing trades continuously yet, so calling it `open` would mislead.
 * NORMAL_CLOSE (15:30) and CLOSING_END (16:00) are both `closed`; CLOSING_START is the closing session in between.
 */
const PHASES: Record<MarketSegmentStatus, MarketSegmentPhase> = {
  PRE_OPEN_START: 'pre-open',
  PRE_OPEN_END: 'pre-open',
  NORMAL_OPEN: 'open',
  CLOSING_START: 'closing',
  NORMAL_CLOSE: 'closed',
  CLOSING_END: 'closed',
};

export function marketPhaseOf(status: MarketSegmentStatus): MarketSegmentPhase {
  return PHASES[status];
}
