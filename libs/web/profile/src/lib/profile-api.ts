import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { FundsReply, Profile } from '@desk/contracts';
import { firstValueFrom } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class ProfileApi {
  private readonly http = inject(HttpClient);

  profile(): Promise<Profile> {
    return firstValueFrom(this.http.get<Profile>('/api/profile'));
  }

  /** From the api's account mirror: the funds plus asOf/source, or `unavailable` during Upstox's 00:00-05:30 IST maintenance. */
  funds(): Promise<FundsReply> {
    return firstValueFrom(this.http.get<FundsReply>('/api/funds'));
  }
}
