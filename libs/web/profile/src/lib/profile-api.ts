import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { FundsView, Profile } from '@desk/contracts';
import { firstValueFrom } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class ProfileApi {
  private readonly http = inject(HttpClient);

  profile(): Promise<Profile> {
    return firstValueFrom(this.http.get<Profile>('/api/profile'));
  }

  /** From the api's account mirror: the funds plus asOf/source. */
  funds(): Promise<FundsView> {
    return firstValueFrom(this.http.get<FundsView>('/api/funds'));
  }
}
