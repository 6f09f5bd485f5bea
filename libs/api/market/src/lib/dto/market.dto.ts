import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACCOUNT_STREAM_STATES,
  AccountStreamState,
  AccountStreamStatus,
  Candle,
  CandleInterval,
  CandlesView,
  DeskLimitRefusal,
  MarketInterestRequest,
  MarketInterestView,
  MarketSegmentPhase,
  MarketStatusView,
  OrderCharges,
  OrderCostsView,
  Quote,
  QuotesEvent,
} from '@desk/contracts';

/** Response shapes for OpenAPI only (the api returns the contracts objects as they are). */
const RUPEES = { description: 'Rupees, 2 decimals' } as const;
const NULLABLE_RUPEES = { type: Number, nullable: true, description: 'Rupees, 2 decimals; null when unknown' } as const;
const PHASES: MarketSegmentPhase[] = ['pre-open', 'open', 'closing', 'closed'];

export class QuoteDto implements Quote {
  @ApiProperty({ example: 'NSE_EQ|INE002A01018' }) instrumentKey!: string;
  @ApiProperty(RUPEES) lastPrice!: number;
  @ApiProperty({ ...NULLABLE_RUPEES, description: "The previous session's close; null when the feed gave none." }) closePrice!: number | null;
  @ApiProperty({ ...NULLABLE_RUPEES, description: 'lastPrice - closePrice' }) change!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'change as a percentage of closePrice' }) changePercent!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'ISO-8601 instant of the last trade, when known' }) tradedAt!: string | null;
}

export class QuotesViewDto implements QuotesEvent {
  @ApiProperty({ type: [QuoteDto], description: 'The instruments asked for that are streamed now; others are left out.' }) quotes!: Quote[];
}

class FeedStatusDto implements AccountStreamStatus {
  @ApiProperty({ enum: ACCOUNT_STREAM_STATES }) state!: AccountStreamState;
  @ApiProperty({ description: 'ISO-8601 instant the feed entered this state.' }) since!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Why it is reconnecting or down.' }) cause!: string | null;
}

export class MarketStatusViewDto implements MarketStatusView {
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: { phase: { type: 'string', enum: PHASES }, upstoxStatus: { type: 'string', example: 'NORMAL_OPEN', description: "Upstox's MarketStatus, unchanged." } },
      required: ['phase', 'upstoxStatus'],
    },
    description: "Each segment's phase from Upstox's market_info (NSE_EQ, NSE_FO, BSE_EQ, MCX_FO, ...); empty until the feed said.",
  })
  segments!: Record<string, { phase: MarketSegmentPhase; upstoxStatus: string }>;
  @ApiPropertyOptional({ type: FeedStatusDto, nullable: true, description: 'The market data feed; null without a connection that has one (none, sandbox).' })
  feed?: AccountStreamStatus | null;
  @ApiProperty({ description: 'ISO-8601 instant of the last change.' }) asOf!: string;
}

export class MarketInterestRequestDto implements MarketInterestRequest {
  @ApiProperty({ type: [String], minItems: 1, maxItems: 20, example: ['NSE_EQ|INE002A01018'] }) instrumentKeys!: string[];
}

export class MarketInterestRenewDto implements Partial<MarketInterestRequest> {
  @ApiPropertyOptional({ type: [String], minItems: 1, maxItems: 20, description: 'Replace the leased instruments (e.g. the dialog changed instrument).' })
  instrumentKeys?: string[];
}

export class MarketInterestViewDto implements MarketInterestView {
  @ApiProperty({ description: 'Renew with PUT /api/market/interest/{id}, drop with DELETE.' }) id!: string;
  @ApiProperty({ type: [String] }) instrumentKeys!: string[];
  @ApiProperty({ description: 'ISO-8601; without a renewal the lease ends then.' }) expiresAt!: string;
  @ApiProperty({ type: [QuoteDto], description: 'Current quotes of those instruments that have one.' }) quotes!: Quote[];
}

export class CandleDto implements Candle {
  @ApiProperty({ description: 'Start of the candle, epoch seconds.' }) time!: number;
  @ApiProperty(RUPEES) open!: number;
  @ApiProperty(RUPEES) high!: number;
  @ApiProperty(RUPEES) low!: number;
  @ApiProperty(RUPEES) close!: number;
  @ApiProperty() volume!: number;
}

export class CandlesViewDto implements CandlesView {
  @ApiProperty() instrumentKey!: string;
  @ApiProperty({ enum: ['1minute', '5minute'] }) interval!: CandleInterval;
  @ApiProperty({ type: [CandleDto], description: "Today's candles, oldest first; the last one follows the live price." }) candles!: Candle[];
  @ApiProperty() asOf!: string;
}

export class OrderChargesDto implements OrderCharges {
  @ApiProperty(RUPEES) brokerage!: number;
  @ApiProperty({ ...RUPEES, description: 'STT or CTT' }) transactionTax!: number;
  @ApiProperty(RUPEES) exchangeCharges!: number;
  @ApiProperty(RUPEES) gst!: number;
  @ApiProperty(RUPEES) stampDuty!: number;
  @ApiProperty(RUPEES) sebiFees!: number;
  @ApiProperty({ ...RUPEES, description: 'Clearing and IPFT charges' }) otherCharges!: number;
  @ApiProperty({ ...RUPEES, description: "Upstox's total of everything above" }) total!: number;
}

class OrderMarginDto {
  @ApiProperty({ ...RUPEES, description: "Upstox's final margin for the order" }) required!: number;
  @ApiProperty({ ...NULLABLE_RUPEES, description: 'Available margin of the account; null when funds could not be read' }) available!: number | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'available >= required; null when available is unknown. Upstox decides at placement.' })
  sufficient!: boolean | null;
}

export class DeskLimitRefusalDto implements DeskLimitRefusal {
  @ApiProperty({ enum: ['ORDER_MAX_QUANTITY', 'ORDER_MAX_NOTIONAL'] }) limit!: DeskLimitRefusal['limit'];
  @ApiProperty() message!: string;
  @ApiProperty() nextStep!: string;
}

export class OrderCostsViewDto implements OrderCostsView {
  @ApiProperty({ type: OrderMarginDto, nullable: true }) margin!: OrderCostsView['margin'];
  @ApiProperty({ type: OrderChargesDto, nullable: true }) charges!: OrderCharges | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why margin or charges are null, e.g. "Not available in the Upstox sandbox."' })
  unavailableReason!: string | null;
  @ApiProperty({
    type: DeskLimitRefusalDto,
    nullable: true,
    description: "The desk's per-order limit (ORDER_MAX_QUANTITY, ORDER_MAX_NOTIONAL) this order is above: POST /api/orders would refuse it with 422 RISK_LIMIT and these words. Null when within them.",
  })
  deskLimit!: DeskLimitRefusal | null;
  @ApiProperty() asOf!: string;
}
