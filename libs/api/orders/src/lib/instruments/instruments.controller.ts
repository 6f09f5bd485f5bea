import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InstrumentDto, InstrumentSearchResponseDto } from '../dto/read-models.dto';
import { INSTRUMENT_KEY_PATTERN, Instrument, InstrumentListStatus, InstrumentSearchResponse } from '@desk/contracts';
import { RequireScope } from '@desk/api/access';
import { OrdersErrors } from '../orders.errors';
import { InstrumentListStatusDto } from './instrument-status.dto';
import { InstrumentsService } from './instruments.service';

const MAX_QUERY_LENGTH = 64;

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
    if (typeof query === 'string' && query.length <= MAX_QUERY_LENGTH) return this.instruments.search(query);
    throw OrdersErrors.validation([{ field: 'query', message: searchQueryProblem(query) }]);
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

  // Declared after `status`, so that path is never read as a key (keys always hold a '|').
  @Get(':instrumentKey')
  @RequireScope('read')
  @ApiOperation({
    summary: 'One instrument by its key: lot size, tick size and freeze quantity (no last price: see the market routes).',
    description: 'From the same list as the search. The dashboard checks a modification against its lot and tick size before asking to confirm it.',
  })
  @ApiParam({ name: 'instrumentKey', example: 'NSE_EQ|INE002A01018', description: "URL-encoded ('|' as %7C)." })
  @ApiOkResponse({ type: InstrumentDto })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: the list in use does not hold the key, or no list is available.' })
  one(@Param('instrumentKey') instrumentKey: string): Promise<Instrument> {
    if (instrumentKey.length > 64 || !INSTRUMENT_KEY_PATTERN.test(instrumentKey)) {
      throw OrdersErrors.validation([{ field: 'instrumentKey', message: 'An instrument key looks like NSE_EQ|INE002A01018.' }]);
    }
    return this.instruments.get(instrumentKey);
  }
}

/** What is wrong with a refused `query` parameter, said so a script's author can mend the call. */
function searchQueryProblem(query: unknown): string {
  if (query === undefined) return 'Give the search text in the query parameter, e.g. /api/instruments?query=RELIANCE.';
  if (typeof query !== 'string') return 'Send the query parameter once, with one search text.';
  return `The search text can have at most ${MAX_QUERY_LENGTH} characters.`;
}
