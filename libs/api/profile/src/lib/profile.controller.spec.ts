import { DeskError, ERROR_TITLES, Profile } from '@desk/contracts';
import type { ConnectionService } from '@desk/api/connection';
import type { UpstoxAuth, UpstoxClient } from '@desk/upstox/client';
import { ProfileController } from './profile.controller';

const AUTH: UpstoxAuth = { endpoints: { environment: 'simulator', apiUrl: 'http://sim', orderUrl: 'http://sim' }, accessToken: 'tok' };
const PROFILE = { userId: 'AB1234', userName: 'Demo', broker: 'UPSTOX' } as Profile;

/** The controller reads through ConnectionService.withReader (expiry handling, the extended token after 03:30 IST). */
describe('ProfileController', () => {
  function controller(connected: boolean) {
    const seen: UpstoxAuth[] = [];
    const connection = {
      withReader: async <T>(_purpose: string, fn: (a: UpstoxAuth) => Promise<T>) => {
        if (!connected) {
          throw new DeskError({ code: 'NOT_AUTHENTICATED', title: ERROR_TITLES.notAuthenticated, httpStatus: 401, message: 'Connect first.' });
        }
        return fn(AUTH);
      },
    } as unknown as ConnectionService;
    const client = {
      getProfile: async (a: UpstoxAuth) => (seen.push(a), PROFILE),
    } as unknown as UpstoxClient;
    return { api: new ProfileController(connection, client), seen };
  }

  it('answers the profile with the connection credentials (funds: the account mirror)', async () => {
    const { api, seen } = controller(true);
    await expect(api.profile()).resolves.toEqual(PROFILE);
    expect(seen).toEqual([AUTH]);
  });

  it('passes the connection error through without calling Upstox', async () => {
    const { api, seen } = controller(false);
    await expect(api.profile()).rejects.toMatchObject({ code: 'NOT_AUTHENTICATED', title: 'Not authenticated' });
    expect(seen).toEqual([]);
  });
});
