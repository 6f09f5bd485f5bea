import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InstrumentListStatus } from '@desk/contracts';

class InstrumentDownloadProgressDto {
  @ApiProperty({ description: 'Compressed bytes received so far.' }) receivedBytes!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Content-Length of the download, when the server sent one.' })
  totalBytes!: number | null;
}

class InstrumentDownloadErrorDto {
  @ApiProperty({ description: 'What went wrong with the latest download.' }) message!: string;
  @ApiProperty({ description: 'When it failed (ISO).' }) at!: string;
}

export class InstrumentListStatusDto implements InstrumentListStatus {
  @ApiProperty({
    enum: ['download', 'user-file', 'simulator'],
    description: "download = Upstox's complete.json.gz fetched by the api; user-file = a file in DATA_DIR (wins); simulator = the simulator's file.",
  })
  source!: 'download' | 'user-file' | 'simulator';
  @ApiProperty({ type: String, nullable: true, description: "The list's date (ISO); null = none loaded yet." }) asOf!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Hours since asOf (one decimal).' }) ageHours!: number | null;
  @ApiProperty({ description: 'Instruments in the loaded list (0 = none loaded).' }) instruments!: number;
  @ApiProperty({ description: 'A download is running.' }) downloading!: boolean;
  @ApiPropertyOptional({ type: InstrumentDownloadProgressDto }) progress?: InstrumentDownloadProgressDto;
  @ApiPropertyOptional({ type: InstrumentDownloadErrorDto, description: 'The latest download failed; the list shown is the last good one.' })
  lastError?: InstrumentDownloadErrorDto;
}
