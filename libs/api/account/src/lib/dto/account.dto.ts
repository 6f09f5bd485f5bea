import { ApiProperty } from '@nestjs/swagger';
import {
  ACCOUNT_SOURCES,
  AccountSource,
  FundsView,
  Holding,
  HoldingsView,
  HoldingTotals,
  Order,
  OrderDetailsView,
  OrderHistoryEntry,
  OrdersView,
  ORDER_STATUS_CLASSES,
  OrderStatusClass,
  ORDER_TYPES,
  OrderType,
  Position,
  PositionsView,
  PositionTotals,
  SegmentFunds,
  Trade,
  TradesView,
  TransactionType,
} from '@desk/contracts';

/** Response shapes for OpenAPI only (the api returns the contracts objects as they are). */
const STATUS_CLASSES = [...ORDER_STATUS_CLASSES];
const NULLABLE_TEXT = { type: String, nullable: true } as const;
const NULLABLE_RUPEES = { type: Number, nullable: true, description: 'Rupees; null while no last price is known' } as const;

abstract class AccountReadMetaDto {
  @ApiProperty({ description: 'ISO-8601 instant the answer describes (the live mirror: now; a snapshot: when it was read).' })
  asOf!: string;
  @ApiProperty({ enum: ACCOUNT_SOURCES, description: '`stream`: the live mirror; `snapshot`: a shared, throttled read from Upstox.' })
  source!: AccountSource;
}

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
  @ApiProperty({
    ...NULLABLE_TEXT,
    description:
      "Upstox's order_timestamp, ISO-8601 with +05:30: despite the name, the time of the order's latest update (it moves " +
      'with each status change). Sort by orderId for placement order.',
  })
  placedAt!: string | null;
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

export class OrdersViewDto extends AccountReadMetaDto implements OrdersView {
  @ApiProperty({ type: [OrderDto], description: 'Newest first (by order id).' }) orders!: Order[];
}

export class OrderDetailsViewDto extends AccountReadMetaDto implements OrderDetailsView {
  @ApiProperty({ type: OrderDto }) order!: Order;
  @ApiProperty({ type: [OrderHistoryEntryDto] }) history!: OrderHistoryEntry[];
}

export class TradesViewDto extends AccountReadMetaDto implements TradesView {
  @ApiProperty({ type: [TradeDto], description: 'Newest first.' }) trades!: Trade[];
}

export class SegmentFundsDto implements SegmentFunds {
  @ApiProperty({ description: 'Rupees' }) availableMargin!: number;
  @ApiProperty() usedMargin!: number;
  @ApiProperty() payinAmount!: number;
  @ApiProperty() spanMargin!: number;
  @ApiProperty() exposureMargin!: number;
  @ApiProperty() adhocMargin!: number;
  @ApiProperty() notionalCash!: number;
}

export class FundsViewDto extends AccountReadMetaDto implements FundsView {
  @ApiProperty({ type: SegmentFundsDto }) equity!: SegmentFunds;
  @ApiProperty({ type: SegmentFundsDto, nullable: true, description: 'null: Upstox reports commodity inside equity.' })
  commodity!: SegmentFunds | null;
}

export class PositionDto implements Position {
  @ApiProperty() instrumentKey!: string;
  @ApiProperty() tradingSymbol!: string;
  @ApiProperty() exchange!: string;
  @ApiProperty() product!: string;
  @ApiProperty({ description: 'Net quantity; negative is short.' }) quantity!: number;
  @ApiProperty() multiplier!: number;
  @ApiProperty({ type: Number, nullable: true }) averagePrice!: number | null;
  @ApiProperty() buyQuantity!: number;
  @ApiProperty() buyPrice!: number;
  @ApiProperty() buyValue!: number;
  @ApiProperty() sellQuantity!: number;
  @ApiProperty() sellPrice!: number;
  @ApiProperty() sellValue!: number;
  @ApiProperty() overnightQuantity!: number;
  @ApiProperty(NULLABLE_RUPEES) lastPrice!: number | null;
  @ApiProperty(NULLABLE_RUPEES) closePrice!: number | null;
  @ApiProperty() realised!: number;
  @ApiProperty(NULLABLE_RUPEES) unrealised!: number | null;
  @ApiProperty(NULLABLE_RUPEES) pnl!: number | null;
}

export class PositionTotalsDto implements PositionTotals {
  @ApiProperty() realised!: number;
  @ApiProperty() unrealised!: number;
  @ApiProperty() pnl!: number;
  @ApiProperty({ description: 'Positions left out of unrealised/pnl for want of a last price.' }) unpriced!: number;
}

export class PositionsViewDto extends AccountReadMetaDto implements PositionsView {
  @ApiProperty({ type: [PositionDto] }) positions!: Position[];
  @ApiProperty({ type: PositionTotalsDto }) totals!: PositionTotals;
}

export class HoldingDto implements Holding {
  @ApiProperty() instrumentKey!: string;
  @ApiProperty() isin!: string;
  @ApiProperty() tradingSymbol!: string;
  @ApiProperty() companyName!: string;
  @ApiProperty() exchange!: string;
  @ApiProperty() product!: string;
  @ApiProperty() quantity!: number;
  @ApiProperty() t1Quantity!: number;
  @ApiProperty({ description: 'Sold today from this holding (cnc_used_quantity).' }) usedQuantity!: number;
  @ApiProperty() averagePrice!: number;
  @ApiProperty(NULLABLE_RUPEES) lastPrice!: number | null;
  @ApiProperty(NULLABLE_RUPEES) closePrice!: number | null;
  @ApiProperty(NULLABLE_RUPEES) currentValue!: number | null;
  @ApiProperty() invested!: number;
  @ApiProperty(NULLABLE_RUPEES) pnl!: number | null;
  @ApiProperty(NULLABLE_RUPEES) dayChange!: number | null;
  @ApiProperty({ type: Number, nullable: true }) dayChangePercentage!: number | null;
}

export class HoldingTotalsDto implements HoldingTotals {
  @ApiProperty() invested!: number;
  @ApiProperty() currentValue!: number;
  @ApiProperty() pnl!: number;
  @ApiProperty() dayChange!: number;
  @ApiProperty() unpriced!: number;
}

export class HoldingsViewDto extends AccountReadMetaDto implements HoldingsView {
  @ApiProperty({ type: [HoldingDto] }) holdings!: Holding[];
  @ApiProperty({ type: HoldingTotalsDto }) totals!: HoldingTotals;
}
