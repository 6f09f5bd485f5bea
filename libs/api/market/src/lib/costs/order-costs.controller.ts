import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrderCostsView } from '@desk/contracts';
import { RequireScope } from '@desk/api/access';
import { PlaceOrderDto } from '@desk/api/orders';
import { OrderCostsViewDto } from '../dto/market.dto';
import { OrderCostsService } from './order-costs.service';

/** What an order would block and cost, before it is sent: a read (nothing is placed). */
@ApiTags('orders')
@Controller('api/orders')
export class OrderCostsController {
  constructor(private readonly costs: OrderCostsService) {}

  @Post('costs')
  @RequireScope('read')
  @HttpCode(200)
  @ApiOperation({
    summary: "An order's margin (against the available funds) and charges, from Upstox, without placing it.",
    description:
      'The body is the order exactly as for POST /api/orders, checked by the same rules (400 VALIDATION_FAILED). ' +
      '`margin.sufficient` false flags an order needing more margin than is available (Upstox still decides at placement). ' +
      'A part Upstox cannot answer is null with `unavailableReason`; the Upstox sandbox has neither.',
  })
  @ApiBody({ type: PlaceOrderDto })
  @ApiOkResponse({ type: OrderCostsViewDto })
  orderCosts(@Body() body: unknown): Promise<OrderCostsView> {
    return this.costs.costs(body);
  }
}
