import { ApiProperty } from '@nestjs/swagger';
import { Funds, Profile, SegmentFunds } from '@desk/contracts';

/** Response shapes for OpenAPI only. */
export class ProfileDto implements Profile {
  @ApiProperty() userId!: string;
  @ApiProperty() userName!: string;
  @ApiProperty() email!: string;
  @ApiProperty() broker!: string;
  @ApiProperty() userType!: string;
  @ApiProperty({ type: [String] }) exchanges!: string[];
  @ApiProperty({ type: [String] }) products!: string[];
  @ApiProperty({ type: [String] }) orderTypes!: string[];
  @ApiProperty() isActive!: boolean;
  @ApiProperty() poa!: boolean;
  @ApiProperty() ddpi!: boolean;
}

export class SegmentFundsDto implements SegmentFunds {
  @ApiProperty({ description: 'Rupees' }) availableMargin!: number;
  @ApiProperty() usedMargin!: number;
  @ApiProperty() payinAmount!: number;
  @ApiProperty() spanMargin!: number;
  @ApiProperty() exposureMargin!: number;
  @ApiProperty() adhocMargin!: number;
  @ApiProperty() notionalCash!: number;
}

export class FundsDto implements Funds {
  @ApiProperty({ type: SegmentFundsDto }) equity!: SegmentFunds;
  @ApiProperty({ type: SegmentFundsDto, nullable: true, description: 'null: Upstox reports commodity inside equity.' })
  commodity!: SegmentFunds | null;
}
