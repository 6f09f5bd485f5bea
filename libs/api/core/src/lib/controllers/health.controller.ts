import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../security/principal';
import { DESK_VERSION } from '../version';

class HealthResponse {
  @ApiProperty({ example: 'ok' }) status!: 'ok';
  @ApiProperty({ example: DESK_VERSION }) version!: string;
}

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  @Public()
  @Get()
  @ApiOkResponse({ type: HealthResponse })
  health(): HealthResponse {
    return { status: 'ok', version: DESK_VERSION };
  }
}
