import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrderIntentViewDto } from './dto/read-models.dto';
import { OrderIntentView, PlaceOrderRequest } from '@desk/contracts';
import { RequireScope } from '@desk/api/access';
import { OrderIntentRow } from './journal/order-intent';
import { OrderIntentsRepository } from './journal/order-intents.repository';
import { OrdersErrors } from './orders.errors';

export function toIntentView(row: OrderIntentRow): OrderIntentView {
  return {
    intentId: row.id,
    status: row.status,
    brokerTag: row.brokerTag,
    orderIds: row.orderIds,
    request: JSON.parse(row.request) as PlaceOrderRequest,
    errorCode: row.errorCode,
    upstoxCode: row.upstoxCode,
    errorMessage: row.errorMessage,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const INTENT_ID = /^oi_[0-9A-Z]{19}$/;

/** The order journal, read-only: what became of each submit (e.g. after a 202 `unknown`). */
@ApiTags('orders')
@Controller('api/order-intents')
export class OrderIntentsController {
  constructor(private readonly journal: OrderIntentsRepository) {}

  @Get()
  @RequireScope('read')
  @ApiOperation({ summary: 'The 100 most recent order intents, newest first.' })
  @ApiOkResponse({ type: OrderIntentViewDto, isArray: true })
  list(): OrderIntentView[] {
    return this.journal.listRecent(100).map(toIntentView);
  }

  @Get(':intentId')
  @RequireScope('read')
  @ApiOperation({ summary: 'One order intent: SUBMITTED, REJECTED, UNKNOWN (being reconciled) or NOT_PLACED.' })
  @ApiOkResponse({ type: OrderIntentViewDto })
  one(@Param('intentId') intentId: string): OrderIntentView {
    const row = INTENT_ID.test(intentId) ? this.journal.findById(intentId) : null;
    if (!row) throw OrdersErrors.intentNotFound();
    return toIntentView(row);
  }
}
