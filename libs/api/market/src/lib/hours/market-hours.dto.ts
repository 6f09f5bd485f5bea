import { ApiProperty } from '@nestjs/swagger';
import { MarketHoursView, MarketSegmentPhase } from '@desk/contracts';

export class MarketHoursViewDto implements MarketHoursView {
  @ApiProperty({ example: 'NSE' }) exchange!: string;
  @ApiProperty({ description: 'Whether the exchange trades now (regular orders go to it).' }) open!: boolean;
  @ApiProperty({ enum: ['pre-open', 'open', 'closing', 'closed'], nullable: true, type: String, description: 'The live phase used, when there was one.' })
  phase!: MarketSegmentPhase | null;
  @ApiProperty({
    enum: ['feed', 'upstox-status', 'timings', 'regular-hours'],
    description: "Where 'open' came from: the market feed's market_info, Upstox's market status, Upstox's timings, or the regular 09:15-15:30 when Upstox's timings could not be read.",
  })
  source!: MarketHoursView['source'];
  @ApiProperty({ type: String, nullable: true, example: '2026-11-30T10:00:00.000Z', description: "When open: the end of today's session; null when it does not close today." })
  closesAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-30T03:45:00.000Z', description: 'When closed: the next session start, weekends and holidays skipped.' })
  nextOpenAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Christmas', description: "Today's holiday of this exchange, if any." })
  holiday!: string | null;
  @ApiProperty() asOf!: string;
}
