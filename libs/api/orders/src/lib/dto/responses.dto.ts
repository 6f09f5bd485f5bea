import { ApiProperty } from '@nestjs/swagger';
import { KillSwitchState, OrderActionResponse, PlaceOrderResponse } from '@desk/contracts';

export class PlaceOrderResponseDto implements PlaceOrderResponse {
  @ApiProperty({ description: 'Our journal id for this order intent (GET /api/order-intents/{id}).' })
  intentId!: string;
  @ApiProperty({ enum: ['placed', 'unknown'], description: '`unknown`: being reconciled with Upstox; do not resubmit.' })
  outcome!: 'placed' | 'unknown';
  @ApiProperty({ type: [String] })
  orderIds!: string[];
  @ApiProperty({ type: Number, nullable: true, description: 'Platform latency Upstox reported, ms.' })
  latencyMs!: number | null;
}

export class OrderActionResponseDto implements OrderActionResponse {
  @ApiProperty()
  orderId!: string;
  @ApiProperty({ type: Number, nullable: true })
  latencyMs!: number | null;
}

export class KillSwitchStateDto implements KillSwitchState {
  @ApiProperty()
  enabled!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'ISO-8601 instant of the last change.' })
  updatedAt!: string | null;
}
