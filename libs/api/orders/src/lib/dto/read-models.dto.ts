import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  Instrument,
  InstrumentSearchResponse,
  Order,
  OrderDetails,
  OrderHistoryEntry,
  OrderIntentStatus,
  OrderIntentView,
  OrderStatusClass,
  ORDER_TYPES,
  OrderType,
  Trade,
  TransactionType,
} from '@desk/contracts';
import { PlaceOrderDto } from './order.dto';

/** Response shapes for OpenAPI only (the api returns the contracts objects as they are). */
const STATUS_CLASSES: OrderStatusClass[] = ['pending', 'working', 'complete', 'rejected', 'cancelled'];
const NULLABLE_TEXT = { type: String, nullable: true } as const;

export class OrderDto implements Order {
  @ApiProperty() orderId!: string;
  @ApiProperty(NULLABLE_TEXT) exchangeOrderId!: string | null;
  @ApiProperty() instrumentKey!: string;
  @ApiProperty() tradingSymbol!: string;
  @ApiProperty() exchange!: string;
  @ApiProperty({ enum: ['BUY', 'SELL'] }) transactionType!: TransactionType;
  @ApiProperty({ enum: ORDER_TYPES }) orderType!: OrderType;
  @ApiProperty() product!: string;
  @ApiProperty() validity!: string;
  @ApiProperty() quantity!: number;
  @ApiProperty() filledQuantity!: number;
  @ApiProperty() pendingQuantity!: number;
  @ApiProperty({ description: 'Rupees' }) price!: number;
  @ApiProperty({ description: 'Rupees' }) triggerPrice!: number;
  @ApiProperty({ description: 'Rupees' }) averagePrice!: number;
  @ApiProperty() disclosedQuantity!: number;
  @ApiProperty({ description: "Upstox's status string, unchanged (e.g. 'trigger pending')." }) status!: string;
  @ApiProperty({ enum: STATUS_CLASSES }) statusClass!: OrderStatusClass;
  @ApiProperty(NULLABLE_TEXT) statusMessage!: string | null;
  @ApiProperty(NULLABLE_TEXT) tag!: string | null;
  @ApiProperty() isAmo!: boolean;
  @ApiProperty({ ...NULLABLE_TEXT, description: 'ISO-8601 with +05:30' }) placedAt!: string | null;
  @ApiProperty(NULLABLE_TEXT) exchangeTimestamp!: string | null;
}

export class OrderHistoryEntryDto implements OrderHistoryEntry {
  @ApiProperty() status!: string;
  @ApiProperty({ enum: STATUS_CLASSES }) statusClass!: OrderStatusClass;
  @ApiProperty(NULLABLE_TEXT) statusMessage!: string | null;
  @ApiProperty() price!: number;
  @ApiProperty() triggerPrice!: number;
  @ApiProperty() quantity!: number;
  @ApiProperty() filledQuantity!: number;
  @ApiProperty() averagePrice!: number;
  @ApiProperty(NULLABLE_TEXT) at!: string | null;
}

export class OrderDetailsDto implements OrderDetails {
  @ApiProperty({ type: OrderDto }) order!: Order;
  @ApiProperty({ type: [OrderHistoryEntryDto] }) history!: OrderHistoryEntry[];
}

export class TradeDto implements Trade {
  @ApiProperty() tradeId!: string;
  @ApiProperty() orderId!: string;
  @ApiProperty(NULLABLE_TEXT) exchangeOrderId!: string | null;
  @ApiProperty() instrumentKey!: string;
  @ApiProperty() tradingSymbol!: string;
  @ApiProperty() exchange!: string;
  @ApiProperty() product!: string;
  @ApiProperty() orderType!: string;
  @ApiProperty({ enum: ['BUY', 'SELL'] }) transactionType!: TransactionType;
  @ApiProperty() quantity!: number;
  @ApiProperty() averagePrice!: number;
  @ApiProperty(NULLABLE_TEXT) tradedAt!: string | null;
}

export class InstrumentDto implements Instrument {
  @ApiProperty({ example: 'NSE_EQ|INE002A01018' }) instrumentKey!: string;
  @ApiProperty() tradingSymbol!: string;
  @ApiProperty() name!: string;
  @ApiProperty() exchange!: string;
  @ApiProperty() segment!: string;
  @ApiProperty() instrumentType!: string;
  @ApiProperty() lotSize!: number;
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
