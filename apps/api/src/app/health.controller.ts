import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DESK_VERSION } from '@desk/api/core';
import { Public } from '@desk/api/access';

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
