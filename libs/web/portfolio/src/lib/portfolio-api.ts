import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { HoldingsView, PositionsView } from '@desk/contracts';
import { firstValueFrom } from 'rxjs';

/** The api's account mirror reads for the portfolio. Rejections are ApiRequestError (see provideDeskHttp). */
@Injectable({ providedIn: 'root' })
export class PortfolioApi {
  private readonly http = inject(HttpClient);

  positions(): Promise<PositionsView> {
    return firstValueFrom(this.http.get<PositionsView>('/api/positions'));
  }

  holdings(): Promise<HoldingsView> {
    return firstValueFrom(this.http.get<HoldingsView>('/api/holdings'));
  }
}
