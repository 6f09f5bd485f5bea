import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  INSTRUMENT_KEY_PATTERN,
  MARKET_PROTECTION,
  ModifyOrderRequest,
  ORDER_LIMITS,
  ORDER_TYPES,
  OrderType,
  PlaceOrderRequest,
  PRODUCTS,
  Product,
  TRANSACTION_TYPES,
  TransactionType,
  VALIDITIES,
  Validity,
} from '@desk/contracts';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

// No `maxDecimalPlaces` here: class-validator 0.15 throws on numbers printed in exponent form
// (e.g. 6e-323), found by the fuzz test; the shared rules check the 2 decimals instead.
const PRICE = { allowNaN: false, allowInfinity: false } as const;

/**
 * POST /api/orders. The decorators check types, enums and bounds (and document the API);
 * the cross-field rules (price/trigger per order type, lot and tick size) come from
 * validatePlaceOrder in @desk/contracts, which the order form runs too.
 */
export class PlaceOrderDto implements PlaceOrderRequest {
  @ApiProperty({ example: 'NSE_EQ|INE002A01018', pattern: INSTRUMENT_KEY_PATTERN.source })
  @IsString()
  @MaxLength(64)
  @Matches(INSTRUMENT_KEY_PATTERN)
  instrumentKey!: string;

  @ApiProperty({ enum: TRANSACTION_TYPES })
  @IsIn(TRANSACTION_TYPES)
  transactionType!: TransactionType;

  @ApiProperty({ minimum: 1, maximum: ORDER_LIMITS.maxQuantity, description: 'Units; a multiple of the lot size.' })
  @IsInt()
  @Min(1)
  @Max(ORDER_LIMITS.maxQuantity)
  quantity!: number;

  @ApiProperty({ enum: ORDER_TYPES })
  @IsIn(ORDER_TYPES)
  orderType!: OrderType;

  @ApiProperty({ enum: PRODUCTS, description: 'I intraday, D delivery, MTF margin trading.' })
  @IsIn(PRODUCTS)
  product!: Product;

  @ApiProperty({ enum: VALIDITIES })
  @IsIn(VALIDITIES)
  validity!: Validity;

  @ApiPropertyOptional({ description: 'Rupees. Required > 0 for LIMIT and SL; 0 or absent for MARKET and SL-M.' })
  @IsOptional()
  @IsNumber(PRICE)
  @Min(0)
  @Max(ORDER_LIMITS.maxPrice)
  price?: number;

  @ApiPropertyOptional({ description: 'Rupees. Required > 0 for SL and SL-M; 0 or absent for MARKET and LIMIT.' })
  @IsOptional()
  @IsNumber(PRICE)
  @Min(0)
  @Max(ORDER_LIMITS.maxPrice)
  triggerPrice?: number;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  disclosedQuantity?: number;

  @ApiPropertyOptional({ maxLength: ORDER_LIMITS.maxTagLength, pattern: ORDER_LIMITS.tagPattern.source })
  @IsOptional()
  @IsString()
  @MaxLength(ORDER_LIMITS.maxTagLength)
  @Matches(ORDER_LIMITS.tagPattern)
  tag?: string;

  @ApiPropertyOptional({ description: 'After-market order.' })
  @IsOptional()
  @IsBoolean()
  isAmo?: boolean;

  @ApiPropertyOptional({
    minimum: MARKET_PROTECTION.automatic,
    maximum: MARKET_PROTECTION.max,
    description:
      "MARKET and SL-M only. How far from the last price (percent) the order may fill: -1 = Upstox's automatic band, " +
      '0 = none, 1-25. Omitted: the server default (UPSTOX_MARKET_PROTECTION, -1). Upstox refuses MARKET and SL-M orders without it.',
  })
  @IsOptional()
  @IsNumber(PRICE)
  @Min(MARKET_PROTECTION.automatic)
  @Max(MARKET_PROTECTION.max)
  marketProtection?: number;
}

/** PUT /api/orders/:id. Omitted optional fields keep the order's current values. */
export class ModifyOrderDto implements ModifyOrderRequest {
  @ApiPropertyOptional({
    example: 'NSE_EQ|INE002A01018',
    pattern: INSTRUMENT_KEY_PATTERN.source,
    description: "Must match the order's. Required in the Upstox sandbox (the order cannot be read there).",
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(INSTRUMENT_KEY_PATTERN)
  instrumentKey?: string;

  @ApiPropertyOptional({ enum: TRANSACTION_TYPES, description: "Must match the order's. Required in the Upstox sandbox." })
  @IsOptional()
  @IsIn(TRANSACTION_TYPES)
  transactionType?: TransactionType;

  @ApiProperty({ enum: ORDER_TYPES })
  @IsIn(ORDER_TYPES)
  orderType!: OrderType;

  @ApiProperty({ enum: VALIDITIES })
  @IsIn(VALIDITIES)
  validity!: Validity;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: ORDER_LIMITS.maxQuantity,
    description: "The order's quantity after the change; omitted keeps it. Required in the Upstox sandbox.",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(ORDER_LIMITS.maxQuantity)
  quantity?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber(PRICE)
  @Min(0)
  @Max(ORDER_LIMITS.maxPrice)
  price?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber(PRICE)
  @Min(0)
  @Max(ORDER_LIMITS.maxPrice)
  triggerPrice?: number;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  disclosedQuantity?: number;

  @ApiPropertyOptional({
    minimum: MARKET_PROTECTION.automatic,
    maximum: MARKET_PROTECTION.max,
    description:
      "MARKET and SL-M only. How far from the last price (percent) the order may fill: -1 = Upstox's automatic band, " +
      '0 = none, 1-25. Omitted: the server default (UPSTOX_MARKET_PROTECTION, -1). Upstox refuses MARKET and SL-M orders without it.',
  })
  @IsOptional()
  @IsNumber(PRICE)
  @Min(MARKET_PROTECTION.automatic)
  @Max(MARKET_PROTECTION.max)
  marketProtection?: number;
}

export class KillSwitchDto {
  @ApiProperty({ description: 'true refuses every new order until switched off.' })
  @IsBoolean()
  enabled!: boolean;
}
