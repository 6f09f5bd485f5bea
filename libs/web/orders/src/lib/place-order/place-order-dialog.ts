import { DIALOG_DATA, DialogRef } from '@angular/cdk/dialog';
import { ChangeDetectionStrategy, Component, DestroyRef, Injector, afterNextRender, computed, inject, signal, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import {
  Instrument,
  ORDER_TYPES,
  OrderType,
  PRODUCTS,
  PRODUCT_LABELS,
  PlaceOrderRequest,
  Product,
  TransactionType,
  VALIDITIES,
  Validity,
  formatRupees,
  needsPrice,
  needsTriggerPrice,
  roundToTick,
  usesMarketProtection,
  validatePlaceOrder,
} from '@desk/contracts';
import { LowerCasePipe } from '@angular/common';
import { toApiErrorBody } from '@desk/web/http';
import { KillSwitchStore } from '@desk/web/profile';
import { QuotesStore } from '@desk/web/market';
import { CandleChart } from '@desk/web/market/chart';
import { ErrorCallout, OrderStatusPill, ValueFlash, injectFocusAfterRender } from '@desk/web/ui';
import { firstValueFrom, map } from 'rxjs';
import { OrderCosts } from '../order-costs/order-costs';
import { describeQuantity, describeSplit } from '../order-quantity-text';
import { OrdersApi } from '../orders-api';
import { OrdersStore, PlaceOutcome } from '../orders-store';
import { IntentFollower } from './intent-follower';
import { InstrumentListStatusLine } from './instrument-list-status';
import { MarketClosedAmo } from './market-closed-amo';
import { placedSummary } from './placed-summary';
import { priceWarnings } from '../price-warnings';
import { InstrumentSearch } from './instrument-search';
import {
  OrderFormValue,
  PlaceOrderData,
  PlaceOrderPrefill,
  SubmitIntent,
  describeMarketProtection,
  draftFromForm,
  estimateOrderValue,
  messagesByField,
} from './place-order-model';

type Step = 'edit' | 'confirm' | 'result';

/** Place Order: edit with the shared rules, confirm exactly what is sent, then the outcome. */
@Component({
  selector: 'desk-place-order-dialog',
  imports: [ReactiveFormsModule, LowerCasePipe, ErrorCallout, InstrumentSearch, InstrumentListStatusLine, CandleChart, OrderCosts, ValueFlash, OrderStatusPill],
  templateUrl: './place-order-dialog.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlaceOrderDialog {
  private readonly store = inject(OrdersStore);
  private readonly api = inject(OrdersApi);
  private readonly quotes = inject(QuotesStore);
  private readonly dialogRef = inject(DialogRef, { optional: true });
  protected readonly prefill: PlaceOrderPrefill | null = inject<PlaceOrderData | null>(DIALOG_DATA, { optional: true })?.prefill ?? null;
  private readonly search = viewChild(InstrumentSearch);
  private readonly injector = inject(Injector);
  private readonly focusAfterRender = injectFocusAfterRender();
  private readonly intent = new SubmitIntent();
  /** After a 202 "unknown": follows the api's reconciliation, so the dialog ends on placed or not placed. */
  private readonly follower = new IntentFollower((intentId) => this.api.intent(intentId));
  /** The follow ran out (the api could not settle it): the trader is told where to look instead. */
  protected readonly stillUnknown = signal(false);

  protected readonly orderTypes = ORDER_TYPES;
  protected readonly products = PRODUCTS;
  protected readonly productLabels = PRODUCT_LABELS;
  protected readonly validities = VALIDITIES;
  protected readonly rupees = formatRupees;
  protected readonly describeMarketProtection = describeMarketProtection;
  protected readonly describeQuantity = describeQuantity;
  protected readonly describeSplit = describeSplit;

  protected readonly form = new FormGroup({
    transactionType: new FormControl<TransactionType>('BUY', { nonNullable: true }),
    quantity: new FormControl<number | null>(null),
    orderType: new FormControl<OrderType>('MARKET', { nonNullable: true }),
    product: new FormControl<Product>('D', { nonNullable: true }),
    validity: new FormControl<Validity>('DAY', { nonNullable: true }),
    price: new FormControl<number | null>(null),
    triggerPrice: new FormControl<number | null>(null),
    isAmo: new FormControl(false, { nonNullable: true }),
    // Upstox refuses MARKET and SL-M orders without market protection; -1 = its automatic band.
    marketProtection: new FormControl<number | null>(-1),
  });

  protected readonly step = signal<Step>('edit');
  protected readonly instrument = signal<Instrument | null>(null);
  protected readonly showErrors = signal(false);
  protected readonly submitting = signal(false);
  protected readonly outcome = signal<PlaceOutcome | null>(null);
  /** The exact request on the confirmation screen; what Confirm sends. */
  protected readonly confirmed = signal<PlaceOrderRequest | null>(null);
  /** Why a prefilled instrument could not be looked up (the user then searches for it). */
  protected readonly prefillProblem = signal<string | null>(null);

  private readonly value = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue() as OrderFormValue)), {
    initialValue: this.form.getRawValue() as OrderFormValue,
  });
  protected readonly side = computed(() => this.value().transactionType);
  protected readonly showPrice = computed(() => needsPrice(this.value().orderType));
  protected readonly showTrigger = computed(() => needsTriggerPrice(this.value().orderType));
  protected readonly showMarketProtection = computed(() => usesMarketProtection(this.value().orderType));
  /** NSE closed: AMO pre-ticked and explained, a regular order's refusal said before sending (issue 9 item 2). */
  protected readonly marketClosed = new MarketClosedAmo(this.form.controls.isAmo, computed(() => this.value().isAmo));
  private readonly draft = computed(() => draftFromForm(this.value(), this.instrument()));
  private readonly errors = computed(() => validatePlaceOrder(this.draft(), this.instrument() ?? undefined));
  protected readonly errorFor = computed(() => (this.showErrors() ? messagesByField(this.errors()) : {}));
  /** The instrument's last price, live from quotes while the dialog is open (the chart leases it). */
  protected readonly lastPrice = computed(() => {
    const instrument = this.instrument();
    if (!instrument) return null;
    return this.quotes.quote(instrument.instrumentKey)()?.lastPrice ?? instrument.lastPrice ?? null;
  });
  /** The lines the chart draws: only the prices this order type sends. */
  protected readonly chartLimit = computed(() => (this.showPrice() ? this.value().price : null));
  protected readonly chartTrigger = computed(() => (this.showTrigger() ? this.value().triggerPrice : null));
  protected readonly tick = computed(() => this.instrument()?.tickSize ?? 0.05);
  protected readonly lot = computed(() => this.instrument()?.lotSize ?? 1);
  protected readonly estimate = computed(() => {
    const request = this.confirmed();
    return request ? estimateOrderValue(request, this.lastPrice()) : null;
  });
  /** A limit far from the live last price, a stop already crossed: said on the confirmation, before Confirm. */
  protected readonly confirmationWarnings = computed(() => {
    const request = this.confirmed();
    return request ? priceWarnings(request, this.lastPrice()) : [];
  });

  protected readonly placedIds = computed(() => {
    const outcome = this.outcome();
    return outcome?.kind === 'placed' ? outcome.response.orderIds : [];
  });
  /** The placed orders followed in the live order list: Upstox can still reject one after accepting it. */
  protected readonly placed = computed(() => placedSummary(this.placedIds(), this.store.orders()));
  /**
   * Back to edit: after a refusal, or when Upstox rejected all it had accepted. Not when only some parts of a split
   * order were rejected: the others are working, and sending the whole order again would double them.
   */
  protected readonly canEdit = computed(() => {
    const kind = this.outcome()?.kind;
    return kind === 'rejected' || (kind === 'placed' && this.placed().allRejected);
  });
  protected readonly rejectedError = computed(() => {
    const outcome = this.outcome();
    return outcome?.kind === 'rejected' ? outcome.error : null;
  });
  protected readonly unknownError = computed(() => {
    const outcome = this.outcome();
    return outcome?.kind === 'unknown' ? outcome.error : null;
  });
  /** The api's reason with a 202, when it can say more (the Upstox sandbox cannot tell whether it was placed). */
  protected readonly unknownMessage = computed(() => {
    const outcome = this.outcome();
    return outcome?.kind === 'unknown' ? (outcome.response?.message ?? null) : null;
  });
  /** No answer reached us: resending with the same Idempotency-Key cannot place it twice. */
  protected readonly canRetrySafely = computed(() => {
    const outcome = this.outcome();
    return outcome?.kind === 'unknown' && outcome.response === null;
  });

  /**
   * The desk's kill switch (the Account panel's store, kept current by `kill-switch` events): when on, said before the
   * trader fills the form, not only when the api refuses it. Read again as the dialog opens. Unknown (no read has
   * succeeded) shows nothing: the api still refuses the order, with its own next step.
   */
  private readonly killSwitch = inject(KillSwitchStore);
  protected readonly halted = computed(() => this.killSwitch.desk()?.enabled === true);
  /** For tests and tools: whether the dialog knows the switch's state yet. */
  protected readonly killSwitchShown = computed(() => {
    const state = this.killSwitch.desk();
    return state === null ? 'unknown' : state.enabled ? 'on' : 'off';
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.follower.stop());
    if (this.prefill) this.applyPrefill(this.prefill);
    void this.killSwitch.loadDesk();
  }

  /** Side, quantity and product as given; the instrument from the master, by its exact key. */
  private async applyPrefill(prefill: PlaceOrderPrefill): Promise<void> {
    this.form.patchValue({ transactionType: prefill.transactionType, quantity: prefill.quantity, product: prefill.product });
    let problem: string;
    try {
      const response = await firstValueFrom(this.api.searchInstruments(prefill.tradingSymbol));
      const match = response.instruments.find((i) => i.instrumentKey === prefill.instrumentKey);
      if (match) {
        if (this.instrument()) return; // the user picked one meanwhile
        this.useInstrument(match);
        this.showInSearch(match.tradingSymbol, false);
        return;
      }
      problem = `${prefill.tradingSymbol} (${prefill.instrumentKey}) is not in the instrument list${response.message ? `: ${response.message}` : '.'}`;
    } catch (e) {
      problem = `${prefill.tradingSymbol} could not be looked up: ${toApiErrorBody(e).message}`;
    }
    this.prefillProblem.set(`${problem} Choose it in the Instrument search before reviewing.`);
    if (!this.instrument()) this.showInSearch(prefill.tradingSymbol, true);
  }

  private showInSearch(text: string, search: boolean): void {
    const box = this.search();
    if (box) box.setText(text, search);
    else afterNextRender(() => this.search()?.setText(text, search), { injector: this.injector });
  }

  /** Keeps the quantity as given (an exit must close the whole position), unlike a pick by hand. */
  private useInstrument(instrument: Instrument): void {
    this.instrument.set(instrument);
    const lastPrice = instrument.lastPrice ? roundToTick(instrument.lastPrice, instrument.tickSize) : null;
    const { price, triggerPrice } = this.form.getRawValue();
    this.form.patchValue({ price: price ?? lastPrice, triggerPrice: triggerPrice ?? lastPrice });
  }

  protected onInstrumentSelected(instrument: Instrument): void {
    this.instrument.set(instrument);
    const { quantity, price, triggerPrice } = this.form.getRawValue();
    const lastPrice = instrument.lastPrice ? roundToTick(instrument.lastPrice, instrument.tickSize) : null;
    this.form.patchValue({
      quantity: quantity && quantity % instrument.lotSize === 0 ? quantity : instrument.lotSize,
      price: price ?? lastPrice,
      triggerPrice: triggerPrice ?? lastPrice,
    });
  }

  protected describedBy(field: string, hintId?: string): string | null {
    const ids = [hintId, this.errorFor()[field] ? `po-${field}-error` : undefined].filter(Boolean);
    return ids.length ? ids.join(' ') : null;
  }

  /** Checks with the same rules as the api; shows every message at once, focuses the first. */
  protected review(): void {
    this.showErrors.set(true);
    if (this.errors().length > 0) {
      this.focusAfterRender('[aria-invalid="true"]'); // after the render that marks the fields invalid
      return;
    }
    this.confirmed.set(this.draft() as PlaceOrderRequest);
    this.step.set('confirm');
    this.focusStep();
  }

  protected backToEdit(): void {
    this.follower.stop();
    this.step.set('edit');
    this.outcome.set(null);
    this.focusStep();
  }

  /** Sends once: the button is disabled and this guard holds while the request is in flight. */
  protected async confirm(): Promise<void> {
    const request = this.confirmed();
    if (!request || this.submitting()) return;
    this.submitting.set(true);
    this.stillUnknown.set(false); // said of an earlier submit's outcome, not of this one
    if (this.dialogRef) this.dialogRef.disableClose = true;
    const outcome = await this.store.place(request, this.intent.keyFor(request));
    if (outcome.kind !== 'unknown') this.intent.settle();
    this.outcome.set(outcome);
    this.submitting.set(false);
    if (this.dialogRef) this.dialogRef.disableClose = false;
    this.step.set('result');
    this.focusStep();
    // The api is reconciling (a message means it cannot: the sandbox has no order book to check).
    if (outcome.kind === 'unknown' && outcome.response && !outcome.response.message) this.followIntent(outcome, outcome.response.intentId);
  }

  private followIntent(unknown: PlaceOutcome, intentId: string): void {
    this.stillUnknown.set(false);
    this.follower.follow(
      intentId,
      (settled) => {
        if (this.outcome() !== unknown) return;
        // Settled: the next submit is a new order with a new key (this key would replay this outcome).
        this.intent.settle();
        this.outcome.set(settled);
        this.focusStep();
      },
      () => this.stillUnknown.set(true),
    );
  }

  protected placeAnother(): void {
    this.follower.stop();
    this.intent.settle();
    this.outcome.set(null);
    this.confirmed.set(null);
    this.showErrors.set(false);
    this.step.set('edit');
    this.focusStep();
  }

  /**
   * Each step replaces the one before, and with it the button that had focus: focus moves to the new step (the
   * instrument search, the summary, the result) so it stays in the dialog and a screen reader reads what changed.
   */
  private focusStep(): void {
    this.focusAfterRender('[data-autofocus], [data-step-focus]');
  }

  protected close(): void {
    this.dialogRef?.close();
  }
}
