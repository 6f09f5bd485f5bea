import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InstrumentSearchResponseDto } from '../dto/read-models.dto';
import { InstrumentSearchResponse } from '@desk/contracts';
import { RequireScope } from '@desk/api/access';
import { OrdersErrors } from '../orders.errors';
import { InstrumentsService } from './instruments.service';

@ApiTags('instruments')
@Controller('api/instruments')
export class InstrumentsController {
  constructor(private readonly instruments: InstrumentsService) {}

  @Get()
  @RequireScope('read')
  @ApiOperation({
    summary: 'Search the instrument master by trading symbol or name (prefix matches first, at most 20).',
    description:
      'Simulator connections use the simulator\'s master; otherwise the api reads instruments.json or ' +
      'complete.json.gz from DATA_DIR. Without one, `source` is `none` and `message` says what to do.',
  })
  @ApiQuery({ name: 'query', required: true })
  @ApiOkResponse({ type: InstrumentSearchResponseDto })
  search(@Query('query') query: unknown): Promise<InstrumentSearchResponse> {
    if (typeof query !== 'string' || query.length > 64) {
      throw OrdersErrors.validation([{ field: 'query', message: 'Send one search text of at most 64 characters.' }]);
    }
    return this.instruments.search(query);
  }
}
