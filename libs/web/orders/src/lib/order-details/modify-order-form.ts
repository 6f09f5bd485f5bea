import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, OnInit, computed, inject, input, output, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import {
  ApiErrorBody,
  FieldError,
  InstrumentRules,
  ModifyOrderRequest,
  ORDER_TYPES,
  Order,
  OrderType,
  VALIDITIES,
  Validity,
  formatRupees,
  needsPrice,
  needsTriggerPrice,
  validateModifyOrder,
} from '@desk/contracts';
import { QuotesStore } from '@desk/web/market';
import { KillSwitchStore } from '@desk/web/profile';
import { ErrorCallout, injectFocusAfterRender } from '@desk/web/ui';
import { map } from 'rxjs';
import { OrdersApi } from '../orders-api';
import { OrdersStore } from '../orders-store';
import { messagesByField } from '../place-order/place-order-model';
import { priceWarnings } from '../price-warnings';
import { modifyChanges } from './modify-changes';

interface ModifyFormValue {
  orderType: OrderType;
  validity: Validity;
  quantity: number | null;
  price: number | null;
  triggerPrice: number | null;
}

/** Modify a working order, checked with the same rules the api applies. */
@Component({
  selector: 'desk-modify-order-form',
  imports: [ReactiveFormsModule, ErrorCallout],
  templateUrl: './modify-order-form.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ModifyOrderForm implements OnInit {
  private readonly store = inject(OrdersStore);
  private readonly api = inject(OrdersApi);
  private readonly host: ElementRef<HTMLElement> = inject(ElementRef);
  /** The confirmation replaces the buttons (and back): focus follows, so it never falls to the page behind. */
  private readonly focusAfterRender = injectFocusAfterRender();

  readonly order = input.required<Order>();
  readonly done = output<'sent' | 'cancelled'>();

  protected readonly orderTypes = ORDER_TYPES;
  protected readonly validities = VALIDITIES;
  protected readonly form = new FormGroup({
    orderType: new FormControl<OrderType>('LIMIT', { nonNullable: true }),
    validity: new FormControl<Validity>('DAY', { nonNullable: true }),
    quantity: new FormControl<number | null>(null),
    price: new FormControl<number | null>(null),
    triggerPrice: new FormControl<number | null>(null),
  });
  private readonly value = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue() as ModifyFormValue)), {
    initialValue: this.form.getRawValue() as ModifyFormValue,
  });
  protected readonly showPrice = computed(() => needsPrice(this.value().orderType));
  protected readonly showTrigger = computed(() => needsTriggerPrice(this.value().orderType));
  protected readonly showErrors = signal(false);
  protected readonly sending = signal(false);
  protected readonly error = signal<ApiErrorBody | null>(null);
  /** The exact change on the confirmation step; what "Yes, send modification" sends. Like Place and Cancel, nothing goes out unconfirmed. */
  protected readonly pending = signal<ModifyOrderRequest | null>(null);
  /** What the confirmed change does to the order, field by field ("Quantity 10 → 12"). */
  protected readonly pendingChanges = computed(() => {
    const change = this.pending();
    return change ? modifyChanges(this.order(), change) : [];
  });
  /** Set when the trader asked to send the order's current values: nothing is sent, and the form says so. */
  protected readonly unchanged = signal(false);

  /** The instrument's live last price while the form is open (leased, like Place Order's chart does). */
  private readonly quotes = inject(QuotesStore);
  private readonly quoteWatch = this.quotes.watch({ lease: true });
  private readonly lastPrice = computed(() => this.quotes.quote(this.order().instrumentKey)()?.lastPrice ?? null);
  /** A new limit far from the market, a new stop already crossed: said in the confirmation, as Place Order does. */
  protected readonly pendingWarnings = computed(() => {
    const change = this.pending();
    if (!change) return [];
    return priceWarnings({ transactionType: this.order().transactionType, orderType: change.orderType, price: change.price, triggerPrice: change.triggerPrice }, this.lastPrice());
  });

  /**
   * The instrument's lot and tick size, read as the form opens: a price off the tick is stopped here, before the
   * trader is asked to confirm a change the api would refuse. Null until read, or when the api's list lacks the
   * instrument: the form then checks what it can, and the api checks again.
   */
  protected readonly rules = signal<InstrumentRules | null>(null);

  /** The desk's kill switch refuses modifications too: said as the form opens (the store follows other tabs). */
  private readonly killSwitch = inject(KillSwitchStore);
  protected readonly halted = computed(() => this.killSwitch.desk()?.enabled === true);

  constructor() {
    // Any edit after review invalidates what was confirmed.
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.pending.set(null);
      this.unchanged.set(false);
    });
    void this.killSwitch.loadDesk();
    inject(DestroyRef).onDestroy(() => this.quoteWatch.release());
  }

  private readonly request = computed<ModifyOrderRequest>(() => {
    const v = this.value();
    const request: ModifyOrderRequest = { orderType: v.orderType, validity: v.validity };
    if (v.quantity !== null) request.quantity = v.quantity;
    if (needsPrice(v.orderType)) request.price = v.price ?? undefined;
    if (needsTriggerPrice(v.orderType)) request.triggerPrice = v.triggerPrice ?? undefined;
    return request;
  });
  private readonly errors = computed(() =>
    validateModifyOrder({ ...this.request(), transactionType: this.order().transactionType }, this.rules() ?? undefined),
  );
  protected readonly errorFor = computed(() => (this.showErrors() ? messagesByField(this.errors()) : {}));

  ngOnInit(): void {
    const order = this.order();
    this.form.setValue({
      orderType: order.orderType,
      validity: order.validity === 'IOC' ? 'IOC' : 'DAY',
      quantity: order.quantity,
      price: order.price || null,
      triggerPrice: order.triggerPrice || null,
    });
    void this.readRules(order.instrumentKey);
    this.quoteWatch.set([order.instrumentKey]);
  }

  private async readRules(instrumentKey: string): Promise<void> {
    try {
      const { lotSize, tickSize } = await this.api.instrument(instrumentKey);
      if (!(lotSize > 0 && tickSize > 0)) return;
      this.rules.set({ lotSize, tickSize });
      // Reviewed before the instrument arrived, and it now fails: back to the fields, nothing confirmed.
      if (this.pending() && this.errors().length > 0) {
        this.pending.set(null);
        this.showErrors.set(true);
      }
    } catch {
      // Not in the list, or no list: the shared rules without lot and tick, as the api does for such an order.
    }
  }

  /** One line naming the change, e.g. "BUY 10 RELIANCE: LIMIT at ₹2,495.50, DAY." */
  protected describe(change: ModifyOrderRequest): string {
    const order = this.order();
    const price = change.price !== undefined ? ` at ${formatRupees(change.price)}` : '';
    const trigger = change.triggerPrice !== undefined ? `, trigger ${formatRupees(change.triggerPrice)}` : '';
    const quantity = change.quantity ?? order.quantity;
    return `${order.transactionType} ${quantity} ${order.tradingSymbol}: ${change.orderType}${price}${trigger}, ${change.validity}.`;
  }

  /** Checks with the shared rules, then asks for confirmation of the exact change. */
  protected submit(): void {
    this.showErrors.set(true);
    if (this.sending()) return;
    if (this.errors().length > 0) {
      this.focusAfterRender('[aria-invalid="true"]');
      return;
    }
    this.error.set(null);
    if (modifyChanges(this.order(), this.request()).length === 0) {
      this.unchanged.set(true);
      return;
    }
    this.pending.set(this.request());
    this.focusAfterRender('[data-focus="edit"]');
  }

  /** Back from the confirmation to the fields. */
  protected edit(): void {
    this.pending.set(null);
    this.focusAfterRender('[data-autofocus]');
  }

  protected async confirm(): Promise<void> {
    const request = this.pending();
    if (!request || this.sending()) return;
    this.sending.set(true);
    this.error.set(null);
    const result = await this.store.modify(this.order().orderId, request);
    this.sending.set(false);
    this.pending.set(null);
    if (result.ok) this.done.emit('sent');
    else {
      this.error.set(result.error);
      // The field the api named (e.g. a price off the tick, when the form could not read the instrument), else the first.
      const field = Array.isArray(result.error.details) ? (result.error.details as FieldError[])[0]?.field : undefined;
      const named = field && /^[A-Za-z]+$/.test(field) ? `#mo-${field}` : null;
      this.focusAfterRender(named && this.host.nativeElement.querySelector(named) ? named : '[data-autofocus]');
    }
  }
}
