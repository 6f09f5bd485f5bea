import { ApiProperty } from '@nestjs/swagger';
import { FundsUnavailableView } from '@desk/contracts';

class FundsUnavailabilityDto {
  @ApiProperty({ enum: ['upstox-maintenance'] }) reason!: 'upstox-maintenance';
  @ApiProperty({ example: 'Funds unavailable 00:00-05:30 IST (Upstox maintenance).' }) message!: string;
  @ApiProperty({ example: '2026-11-30T00:00:00.000Z', description: 'When Upstox serves funds again (05:30 IST).' }) availableFrom!: string;
}

/** GET /api/funds during Upstox's daily funds maintenance (00:00-05:30 IST, HTTP 423 upstream). */
export class FundsUnavailableViewDto implements FundsUnavailableView {
  @ApiProperty({ type: FundsUnavailabilityDto }) unavailable!: FundsUnavailableView['unavailable'];
  @ApiProperty() asOf!: string;
}
