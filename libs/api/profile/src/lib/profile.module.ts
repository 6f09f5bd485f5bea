import { Module } from '@nestjs/common';
import { ConnectionModule } from '@desk/api/connection';
import { ProfileController } from './profile.controller';
import { StaticIpService } from './static-ip.service';
import { UserControlsController } from './user-controls.controller';

/** GET /api/profile, the registered static IPs and Upstox's kill switch, through the Upstox connection. */
@Module({
  imports: [ConnectionModule],
  controllers: [ProfileController, UserControlsController],
  providers: [StaticIpService],
  exports: [StaticIpService],
})
export class ProfileModule {}
