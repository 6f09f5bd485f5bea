import { Module } from '@nestjs/common';
import { ConnectionModule } from '@desk/api/connection';
import { ProfileController } from './profile.controller';

/** GET /api/profile and GET /api/funds, through the Upstox connection. */
@Module({
  imports: [ConnectionModule],
  controllers: [ProfileController],
})
export class ProfileModule {}
