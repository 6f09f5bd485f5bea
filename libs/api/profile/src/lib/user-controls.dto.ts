import { ApiProperty } from '@nestjs/swagger';
import { StaticIpView, UpstoxEnvironment, UpstoxKillSwitchChange, UpstoxKillSwitchSegment, UpstoxKillSwitchSegmentState } from '@desk/contracts';

/** Response and body shapes for OpenAPI only. */
export class StaticIpViewDto implements StaticIpView {
  @ApiProperty({ enum: ['live', 'sandbox', 'simulator'] }) environment!: UpstoxEnvironment;
  @ApiProperty({ description: 'False in the Upstox sandbox, which has no such read.' }) available!: boolean;
  @ApiProperty({ type: String, nullable: true }) primaryIp!: string | null;
  @ApiProperty({ type: String, nullable: true }) secondaryIp!: string | null;
  @ApiProperty({ type: String, nullable: true }) primaryIpUpdatedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) secondaryIpUpdatedAt!: string | null;
  @ApiProperty({ description: 'No static IP registered: Upstox refuses every order write until one is.' }) missing!: boolean;
  @ApiProperty() readAt!: string;
}

export class UpstoxKillSwitchSegmentDto implements UpstoxKillSwitchSegmentState {
  @ApiProperty({ example: 'NSE_EQ' }) segment!: string;
  @ApiProperty({ description: "Upstox's segment_status: activated on the account." }) segmentActive!: boolean;
  @ApiProperty({ description: "Upstox's kill_switch_enabled: trading halted in the segment." }) killSwitchEngaged!: boolean;
}

export class UpstoxKillSwitchChangeDto implements UpstoxKillSwitchChange {
  @ApiProperty({ enum: ['NSE_EQ', 'BSE_EQ', 'NSE_FO', 'BSE_FO', 'NCD_FO', 'BCD_FO', 'MCX_FO', 'NSE_COM'] }) segment!: UpstoxKillSwitchSegment;
  @ApiProperty({ enum: ['ENABLE', 'DISABLE'], description: 'DISABLE halts the segment at Upstox, cancels its pending orders, and cannot be undone for 12 hours.' })
  action!: 'ENABLE' | 'DISABLE';
}
