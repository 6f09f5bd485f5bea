import { ChangeDetectionStrategy, Component, OnInit, computed, inject, input, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import {
  ApiErrorBody,
  ModifyOrderRequest,
  ORDER_TYPES,
  Order,
  OrderType,
  VALIDITIES,
  Validity,
  needsPrice,
  needsTriggerPrice,
  validateModifyOrder,
} from '@desk/contracts';
import { ErrorCallout } from '@desk/web/ui';
import { map } from 'rxjs';
import { OrdersStore } from '../orders-store';
import { messagesByField } from '../place-order/place-order-model';

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

  private readonly request = computed<ModifyOrderRequest>(() => {
    const v = this.value();
    const request: ModifyOrderRequest = { orderType: v.orderType, validity: v.validity };
    if (v.quantity !== null) request.quantity = v.quantity;
    if (needsPrice(v.orderType)) request.price = v.price ?? undefined;
    if (needsTriggerPrice(v.orderType)) request.triggerPrice = v.triggerPrice ?? undefined;
    return request;
  });
  private readonly errors = computed(() =>
    validateModifyOrder({ ...this.request(), transactionType: this.order().transactionType }),
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
  }

  protected async submit(): Promise<void> {
    this.showErrors.set(true);
    if (this.errors().length > 0 || this.sending()) return;
    this.sending.set(true);
    this.error.set(null);
    const result = await this.store.modify(this.order().orderId, this.request());
    this.sending.set(false);
    if (result.ok) this.done.emit('sent');
    else this.error.set(result.error);
  }
}
