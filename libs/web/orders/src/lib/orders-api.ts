import { HttpClient, HttpParams, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  IDEMPOTENCY_HEADER,
  Instrument,
  InstrumentSearchResponse,
  ModifyOrderRequest,
  OrderActionResponse,
  OrderCostsRequest,
  OrderCostsView,
  OrderDetailsView,
  OrderIntentView,
  OrdersView,
  PlaceOrderRequest,
  PlaceOrderResponse,
  TradesView,
} from '@desk/contracts';
import { Observable, firstValueFrom } from 'rxjs';

/** The api's order and instrument routes. Rejections are ApiRequestError (see provideDeskHttp). */
@Injectable({ providedIn: 'root' })
export class OrdersApi {
  private readonly http = inject(HttpClient);

  /** The day's orders, served from the api's account mirror (asOf/source say how fresh). */
  list(): Promise<OrdersView> {
    return firstValueFrom(this.http.get<OrdersView>('/api/orders'));
  }

  details(orderId: string): Promise<OrderDetailsView> {
    return firstValueFrom(this.http.get<OrderDetailsView>(`/api/orders/${encodeURIComponent(orderId)}`));
  }

  /** 201 = placed, 202 = the outcome is unknown and being reconciled (never resubmit then). */
  place(request: PlaceOrderRequest, idempotencyKey: string): Promise<HttpResponse<PlaceOrderResponse>> {
    return firstValueFrom(
      this.http.post<PlaceOrderResponse>('/api/orders', request, {
        headers: { [IDEMPOTENCY_HEADER]: idempotencyKey },
        observe: 'response',
      }),
    );
  }

  /** One order's fills (the api's account mirror, no Upstox call while the stream is live). */
  trades(orderId: string): Promise<TradesView> {
    return firstValueFrom(this.http.get<TradesView>('/api/trades', { params: new HttpParams().set('orderId', orderId) }));
  }

  /** What became of one submit, from the api's journal (no Upstox call): e.g. after a 202 "unknown". */
  intent(intentId: string): Promise<OrderIntentView> {
    return firstValueFrom(this.http.get<OrderIntentView>(`/api/order-intents/${encodeURIComponent(intentId)}`));
  }

  modify(orderId: string, request: ModifyOrderRequest): Promise<OrderActionResponse> {
    return firstValueFrom(this.http.put<OrderActionResponse>(`/api/orders/${encodeURIComponent(orderId)}`, request));
  }

  cancel(orderId: string): Promise<OrderActionResponse> {
    return firstValueFrom(this.http.delete<OrderActionResponse>(`/api/orders/${encodeURIComponent(orderId)}`));
  }

  /** Margin and charges the order would need and cost (Upstox's margin and brokerage APIs); nothing is placed. */
  costs(request: OrderCostsRequest): Promise<OrderCostsView> {
    return firstValueFrom(this.http.post<OrderCostsView>('/api/orders/costs', request));
  }

  /** One instrument by its key (lot and tick size); 404 when the api's list does not hold it. */
  instrument(instrumentKey: string): Promise<Instrument> {
    return firstValueFrom(this.http.get<Instrument>(`/api/instruments/${encodeURIComponent(instrumentKey)}`));
  }

  searchInstruments(query: string): Observable<InstrumentSearchResponse> {
    return this.http.get<InstrumentSearchResponse>('/api/instruments', { params: new HttpParams().set('query', query) });
  }
}
