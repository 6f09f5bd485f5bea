import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InstrumentSearchResponseDto } from '../dto/read-models.dto';
import { InstrumentListStatus, InstrumentSearchResponse } from '@desk/contracts';
import { RequireScope } from '@desk/api/access';
import { OrdersErrors } from '../orders.errors';
import { InstrumentListStatusDto } from './instrument-status.dto';
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
      'Simulator connections use the simulator\'s list; otherwise a file placed in DATA_DIR (instruments.json, ' +
      'complete.json.gz) wins, else Upstox\'s complete.json.gz is downloaded from UPSTOX_ASSETS_URL on first need ' +
      '(`source` `file`). Without any list, `source` is `none` and `message` says what to do.',
  })
  @ApiQuery({ name: 'query', required: true })
  @ApiOkResponse({ type: InstrumentSearchResponseDto })
  search(@Query('query') query: unknown): Promise<InstrumentSearchResponse> {
    if (typeof query !== 'string' || query.length > 64) {
      throw OrdersErrors.validation([{ field: 'query', message: 'Send one search text of at most 64 characters.' }]);
    }
    return this.instruments.search(query);
  }

  @Get('status')
  @RequireScope('read')
  @ApiOperation({
    summary: 'Where the instrument list comes from, its date and age, download progress, and the last failed download.',
    description:
      'Starts the download when none was made yet (first need) or the daily one is due (after 06:15 IST). When ' +
      '`lastError` is set, the list in use is the last good one and `ageHours` says how old it is.',
  })
  @ApiOkResponse({ type: InstrumentListStatusDto })
  status(): InstrumentListStatus {
    return this.instruments.status();
  }
}
