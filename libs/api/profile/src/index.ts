export * from './lib/profile.module';
export { StaticIpService, describeRegisteredIps } from './lib/static-ip.service';
