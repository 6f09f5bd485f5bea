import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  Instrument,
  InstrumentSearchResponse,
  OrderIntentStatus,
  OrderIntentView,
} from '@desk/contracts';
import { PlaceOrderDto } from './order.dto';

/** Response shapes for OpenAPI only (the api returns the contracts objects as they are). */
const NULLABLE_TEXT = { type: String, nullable: true } as const;

export class InstrumentDto implements Instrument {
  @ApiProperty({ example: 'NSE_EQ|INE002A01018' }) instrumentKey!: string;
  @ApiProperty() tradingSymbol!: string;
  @ApiProperty() name!: string;
  @ApiProperty() exchange!: string;
  @ApiProperty() segment!: string;
  @ApiProperty() instrumentType!: string;
  @ApiProperty() lotSize!: number;
  @ApiProperty({ type: Number, nullable: true, description: "The exchange's largest quantity for one order (units); above it the order is sent to be split (slice)" })
  freezeQuantity!: number | null;
  @ApiProperty({ description: 'Rupees' }) tickSize!: number;
  @ApiProperty(NULLABLE_TEXT) expiry!: string | null;
  @ApiProperty({ type: Number, nullable: true }) strikePrice!: number | null;
  @ApiProperty({ type: Number, nullable: true }) lastPrice!: number | null;
}

export class InstrumentSearchResponseDto implements InstrumentSearchResponse {
  @ApiProperty({ type: [InstrumentDto] }) instruments!: Instrument[];
  @ApiProperty({ enum: ['simulator', 'file', 'none'] }) source!: 'simulator' | 'file' | 'none';
  @ApiPropertyOptional({ description: 'With `none`: why no list is available and how to provide one.' }) message?: string;
}

export class OrderIntentViewDto implements OrderIntentView {
  @ApiProperty() intentId!: string;
  @ApiProperty({ enum: ['PENDING_SUBMIT', 'SUBMITTED', 'REJECTED', 'UNKNOWN', 'NOT_PLACED'] }) status!: OrderIntentStatus;
  @ApiProperty({ description: 'The unique tag sent to Upstox (look-up key for reconciliation).' }) brokerTag!: string;
  @ApiProperty({ type: [String] }) orderIds!: string[];
  @ApiProperty({ type: PlaceOrderDto }) request!: PlaceOrderDto;
  @ApiProperty(NULLABLE_TEXT) errorCode!: string | null;
  @ApiProperty(NULLABLE_TEXT) upstoxCode!: string | null;
  @ApiProperty(NULLABLE_TEXT) errorMessage!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}
