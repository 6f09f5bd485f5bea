import { ApiProperty } from '@nestjs/swagger';
import { Profile } from '@desk/contracts';

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
