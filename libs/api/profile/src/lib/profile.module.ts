import { Module } from '@nestjs/common';
import { AuthModule } from '@desk/api/auth';
import { ProfileController } from './profile.controller';

/** GET /api/profile and GET /api/funds, through the Upstox connection. */
@Module({
  imports: [AuthModule],
  controllers: [ProfileController],
})
export class ProfileModule {}
