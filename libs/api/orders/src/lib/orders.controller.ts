import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { IDEMPOTENCY_HEADER, KillSwitchState, OrderActionResponse, OrderDetailsView, OrdersView } from '@desk/contracts';
import { CurrentPrincipal, DeskRequest, Principal, RequireScope, SessionOnly } from '@desk/api/access';
import type { Response } from 'express';
import { KillSwitchDto, ModifyOrderDto, PlaceOrderDto } from './dto/order.dto';
import { AccountReads, OrderDetailsViewDto, OrdersViewDto } from '@desk/api/account';
import { KillSwitchStateDto, OrderActionResponseDto, PlaceOrderResponseDto } from './dto/responses.dto';
import { OrderChangesService } from './order-changes.service';
import { assertOrderId, OrdersErrors } from './orders.errors';
import { KillSwitchService } from './placement/kill-switch.service';
import { OrderPlacementService } from './placement/order-placement.service';
import { markOrderPath } from './placement/order-path-marks';

export function requestIdOf(req: DeskRequest): string {
  return req.id === undefined ? '' : String(req.id);
}

/**
 * Bodies are taken as `unknown` and checked by checkPlaceOrderBody / checkModifyOrderBody (class-validator
 * plus the shared rules of @desk/contracts), so every client gets one message per field; the DTO
 * classes document the shapes in OpenAPI. Static routes come before `:id`.
 */
@ApiTags('orders')
@Controller('api/orders')
export class OrdersController {
  constructor(
    private readonly placement: OrderPlacementService,
    private readonly changes: OrderChangesService,
    private readonly killSwitch: KillSwitchService,
    private readonly reads: AccountReads,
  ) {}

  @Get('kill-switch')
  @RequireScope('read')
  @ApiOperation({ summary: 'Whether the local kill switch refuses new orders and modifications.' })
  @ApiOkResponse({ type: KillSwitchStateDto })
  getKillSwitch(): KillSwitchState {
    return this.killSwitch.get();
  }

  @Put('kill-switch')
  @SessionOnly()
  @ApiOperation({
    summary: 'Turn the local kill switch on (refuse every new order and every modify; cancel still works) or off. Dashboard session only.',
  })
  @ApiBody({ type: KillSwitchDto })
  @ApiOkResponse({ type: KillSwitchStateDto })
  setKillSwitch(@Body() body: unknown): KillSwitchState {
    const enabled = (body as { enabled?: unknown } | null)?.enabled;
    const extra = body && typeof body === 'object' ? Object.keys(body).filter((k) => k !== 'enabled') : [];
    if (typeof enabled !== 'boolean' || extra.length > 0) {
      throw OrdersErrors.validation([{ field: 'enabled', message: 'Send {"enabled": true} or {"enabled": false}.' }]);
    }
    return this.killSwitch.set(enabled);
  }

  @Get()
  @RequireScope('read')
  @ApiOperation({
    summary: "The day's orders, newest first.",
    description:
      'From the live account mirror while the Upstox stream is live (`source: stream`), else from one shared Upstox ' +
      'read, at most one per second however many clients ask (`source: snapshot`). `asOf` is the instant described.',
  })
  @ApiOkResponse({ type: OrdersViewDto })
  orderBook(): Promise<OrdersView> {
    return this.reads.orders();
  }

  @Post()
  @RequireScope('trade')
  @ApiOperation({
    summary: 'Place an order (Upstox v3). 201 placed; 202 outcome unknown (being reconciled: do not resubmit).',
    description:
      'Send an Idempotency-Key (e.g. a UUID) per order you mean to place and reuse it only to retry that order: ' +
      'the same key and body replay the first answer, a different body gets 422, a request still in flight 409. ' +
      'API keys must send one; for a dashboard session without one the server generates a key, so that ' +
      'caller is not protected against its own retries.',
  })
  @ApiHeader({ name: IDEMPOTENCY_HEADER, required: false, description: 'Required for API keys. 1-255 printable ASCII.' })
  @ApiBody({ type: PlaceOrderDto })
  @ApiCreatedResponse({ type: PlaceOrderResponseDto })
  @ApiAcceptedResponse({ type: PlaceOrderResponseDto, description: 'Outcome unknown; reconciliation continues.' })
  async place(
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentPrincipal() principal: Principal | undefined,
    @Req() req: DeskRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    // Idempotency scope: every dashboard session is the same single user (a retry after signing in again,
    // or from another tab, must still find its key); each API key is its own client.
    const caller = {
      principalId: !principal ? 'anonymous' : principal.kind === 'session' ? 'dashboard' : `api-key:${principal.id}`,
      kind: principal?.kind ?? 'api-key',
      requestId: requestIdOf(req),
    } as const;
    markOrderPath('handler');
    const answer = await this.placement.place(caller, body, key);
    res.status(answer.response.status);
    if (answer.replay) res.setHeader('Idempotent-Replayed', 'true');
    return answer.response.body;
  }

  @Get(':id')
  @RequireScope('read')
  @ApiOperation({ summary: 'One order with its status history (from the live mirror when it is current).' })
  @ApiOkResponse({ type: OrderDetailsViewDto })
  details(@Param('id') id: string): Promise<OrderDetailsView> {
    assertOrderId(id);
    return this.reads.orderDetails(id);
  }

  @Put(':id')
  @RequireScope('trade')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Modify an open order (Upstox v3). Sent once; never retried.',
    description:
      'The order as it would be after the change passes the same gates as a new order: the kill switch and the ' +
      'start-up barrier (503 ORDERS_HALTED), ORDER_MAX_QUANTITY and ORDER_MAX_NOTIONAL (422 RISK_LIMIT, ' +
      '`details.limit` names the limit). In the Upstox sandbox, where the order cannot be read, send the full new ' +
      'order: instrumentKey, transactionType, quantity, orderType and the prices the type needs.',
  })
  @ApiBody({ type: ModifyOrderDto })
  @ApiOkResponse({ type: OrderActionResponseDto })
  modify(@Param('id') id: string, @Body() body: unknown): Promise<OrderActionResponse> {
    markOrderPath('handler');
    return this.changes.modify(id, body);
  }

  @Delete(':id')
  @RequireScope('trade')
  @ApiOperation({ summary: 'Cancel an open order (Upstox v3). Sent once; never retried. Allowed with the kill switch on.' })
  @ApiOkResponse({ type: OrderActionResponseDto })
  cancel(@Param('id') id: string): Promise<OrderActionResponse> {
    markOrderPath('handler');
    return this.changes.cancel(id);
  }
}
