import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { CandleInterval, CandlesView, MarketHoursView, MarketInterestRequest, MarketInterestView, MarketStatusView, Quote, QuotesEvent } from '@desk/contracts';
import { firstValueFrom } from 'rxjs';

export const MARKET_URL = '/api/market';

/** The api's market data routes (issue 12). Rejections are ApiRequestError (see provideDeskHttp). */
@Injectable({ providedIn: 'root' })
export class MarketApi {
  private readonly http = inject(HttpClient);

  /** The newest quote of each instrument the api has one for (unknown keys are left out). */
  async quotes(instrumentKeys: readonly string[]): Promise<Quote[]> {
    const params = new HttpParams().set('instrumentKeys', instrumentKeys.join(','));
    const view = await firstValueFrom(this.http.get<QuotesEvent>(`${MARKET_URL}/quotes`, { params }));
    return view.quotes;
  }

  /** Keeps these instruments subscribed for a while; the answer carries their current quotes. */
  lease(instrumentKeys: readonly string[]): Promise<MarketInterestView> {
    const body: MarketInterestRequest = { instrumentKeys: [...instrumentKeys] };
    return firstValueFrom(this.http.post<MarketInterestView>(`${MARKET_URL}/interest`, body));
  }

  /** Renews a lease (the same instruments; the body repeats them). */
  renew(id: string, instrumentKeys: readonly string[]): Promise<MarketInterestView> {
    const body: MarketInterestRequest = { instrumentKeys: [...instrumentKeys] };
    return firstValueFrom(this.http.put<MarketInterestView>(`${MARKET_URL}/interest/${encodeURIComponent(id)}`, body));
  }

  release(id: string): Promise<unknown> {
    return firstValueFrom(this.http.delete(`${MARKET_URL}/interest/${encodeURIComponent(id)}`));
  }

  candles(instrumentKey: string, interval: CandleInterval): Promise<CandlesView> {
    const params = new HttpParams().set('instrumentKey', instrumentKey).set('interval', interval);
    return firstValueFrom(this.http.get<CandlesView>(`${MARKET_URL}/candles`, { params }));
  }

  status(): Promise<MarketStatusView> {
    return firstValueFrom(this.http.get<MarketStatusView>(`${MARKET_URL}/status`));
  }

  /** Open now, closes at / next open (issue 9 item 2). */
  hours(exchange: 'NSE' | 'BSE'): Promise<MarketHoursView> {
    return firstValueFrom(this.http.get<MarketHoursView>(`${MARKET_URL}/hours`, { params: new HttpParams().set('exchange', exchange) }));
  }
}
