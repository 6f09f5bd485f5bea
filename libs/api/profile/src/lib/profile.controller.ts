import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Funds, Profile } from '@desk/contracts';
import { RequireScope } from '@desk/api/core';
import { ConnectionService } from '@desk/api/auth';
import { UpstoxClient } from '@desk/upstox/client';
import { FundsDto, ProfileDto } from './profile.dto';

/** The connected Upstox user's profile and funds, straight from Upstox (no cache: money figures change). */
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
    return this.connection.withUpstox((auth) => this.client.getProfile(auth));
  }

  @Get('funds')
  @RequireScope('read')
  @ApiOperation({ summary: 'Funds and margin (equity; commodity when Upstox reports it separately).' })
  @ApiOkResponse({ type: FundsDto })
  funds(): Promise<Funds> {
    return this.connection.withUpstox((auth) => this.client.getFunds(auth));
  }
}
