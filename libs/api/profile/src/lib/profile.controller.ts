import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Profile } from '@desk/contracts';
import { RequireScope } from '@desk/api/access';
import { ConnectionService } from '@desk/api/connection';
import { UpstoxClient } from '@desk/upstox/client';
import { ProfileDto } from './profile.dto';

/** The connected Upstox user's profile, straight from Upstox (funds are served by the account mirror: api/account). */
@ApiTags('profile')
@Controller('api')
export class ProfileController {
  constructor(
    private readonly connection: ConnectionService,
    private readonly client: UpstoxClient,
  ) {}

  @Get('profile')
  @RequireScope('read')
  @ApiOperation({ summary: "The connected Upstox user's profile (GET /v2/user/profile)." })
  @ApiOkResponse({ type: ProfileDto })
  profile(): Promise<Profile> {
    // Read with the extended token too after 03:30 IST (the profile is one of the reads Upstox allows it).
    return this.connection.withReader('see your profile', (auth) => this.client.getProfile(auth));
  }
}
