import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Funds, Profile } from '@desk/contracts';
import { firstValueFrom } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class ProfileApi {
  private readonly http = inject(HttpClient);

  profile(): Promise<Profile> {
    return firstValueFrom(this.http.get<Profile>('/api/profile'));
  }

  funds(): Promise<Funds> {
    return firstValueFrom(this.http.get<Funds>('/api/funds'));
  }
}
