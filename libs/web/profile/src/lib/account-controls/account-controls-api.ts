import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { KillSwitchState, StaticIpView, UpstoxKillSwitchChange, UpstoxKillSwitchSegmentState } from '@desk/contracts';
import { firstValueFrom } from 'rxjs';

/** The account-level controls: static IPs and Upstox's kill switch (api/profile), the desk's own kill switch (api/orders). */
@Injectable({ providedIn: 'root' })
export class AccountControlsApi {
  private readonly http = inject(HttpClient);

  /** Kept by the api since connect; `refresh` asks Upstox again. */
  staticIp(refresh = false): Promise<StaticIpView> {
    return firstValueFrom(this.http.get<StaticIpView>('/api/profile/static-ip', refresh ? { params: { refresh: 'true' } } : {}));
  }

  upstoxKillSwitch(): Promise<UpstoxKillSwitchSegmentState[]> {
    return firstValueFrom(this.http.get<UpstoxKillSwitchSegmentState[]>('/api/profile/kill-switch'));
  }

  /** Answers every segment's state after the change. */
  setUpstoxKillSwitch(change: UpstoxKillSwitchChange): Promise<UpstoxKillSwitchSegmentState[]> {
    return firstValueFrom(this.http.post<UpstoxKillSwitchSegmentState[]>('/api/profile/kill-switch', change));
  }

  deskKillSwitch(): Promise<KillSwitchState> {
    return firstValueFrom(this.http.get<KillSwitchState>('/api/orders/kill-switch'));
  }

  setDeskKillSwitch(enabled: boolean): Promise<KillSwitchState> {
    return firstValueFrom(this.http.put<KillSwitchState>('/api/orders/kill-switch', { enabled }));
  }
}
