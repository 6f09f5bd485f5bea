import { ApiProperty } from '@nestjs/swagger';
import {
  ACCOUNT_STREAM_STATES,
  AccountStreamState,
  AccountStreamStatus,
  CONNECTION_STATES,
  ConnectionState,
  ConnectionStatus,
  ConnectWithTokenRequest,
  SimulatorAppCredentials,
  StartOAuthRequest,
  StartOAuthResponse,
  UPSTOX_ENVIRONMENTS,
  UpstoxEnvironment,
} from '@desk/contracts';
import { IsIn, IsNotEmpty, IsString, IsUrl, Matches, MaxLength } from 'class-validator';

/** Upstox API keys are UUIDs and secrets short strings; the bounds only stop abuse, not real values. */
export const API_KEY_MAX = 200;
export const API_SECRET_MAX = 200;
export const REDIRECT_URI_MAX = 2048;
/** Upstox access tokens are JWTs of roughly 300-1,000 characters. */
export const ACCESS_TOKEN_MAX = 4096;

/** Printable characters without whitespace: what a key, secret or token copied from a console looks like. */
const NO_WHITESPACE = /^\S+$/;

/** The Upstox app's credentials and the environment: what both connection options start from. */
abstract class AppCredentialsDto {
  @ApiProperty({ description: 'API Key (Client ID) of your Upstox app', maxLength: API_KEY_MAX })
  @IsString()
  @IsNotEmpty({ message: 'apiKey is required: the API Key (Client ID) of your Upstox app' })
  @MaxLength(API_KEY_MAX)
  @Matches(NO_WHITESPACE, { message: 'apiKey must not contain spaces' })
  apiKey!: string;

  @ApiProperty({ description: 'API Secret (Client Secret) of your Upstox app; stored encrypted, never returned', maxLength: API_SECRET_MAX })
  @IsString()
  @IsNotEmpty({ message: 'apiSecret is required: the API Secret (Client Secret) of your Upstox app' })
  @MaxLength(API_SECRET_MAX)
  @Matches(NO_WHITESPACE, { message: 'apiSecret must not contain spaces' })
  apiSecret!: string;

  @ApiProperty({ enum: UPSTOX_ENVIRONMENTS })
  @IsIn(UPSTOX_ENVIRONMENTS as unknown as string[], { message: `environment must be one of ${UPSTOX_ENVIRONMENTS.join(', ')}` })
  environment!: UpstoxEnvironment;
}

export class StartOAuthDto extends AppCredentialsDto implements StartOAuthRequest {
  @ApiProperty({
    description: 'Redirect URI registered in the Upstox app, byte for byte',
    example: 'http://localhost:5000/callback',
    maxLength: REDIRECT_URI_MAX,
  })
  @IsString()
  @IsNotEmpty({ message: 'redirectUri is required, e.g. http://localhost:5000/callback' })
  @MaxLength(REDIRECT_URI_MAX)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false, require_host: true },
    { message: 'redirectUri must be an http(s) URL such as http://localhost:5000/callback' },
  )
  redirectUri!: string;
}

export class ConnectWithTokenDto extends AppCredentialsDto implements ConnectWithTokenRequest {
  @ApiProperty({ description: 'An existing Upstox access token; stored encrypted, never returned', maxLength: ACCESS_TOKEN_MAX })
  @IsString()
  @IsNotEmpty({ message: 'accessToken is required' })
  @MaxLength(ACCESS_TOKEN_MAX)
  @Matches(NO_WHITESPACE, { message: 'accessToken must not contain spaces' })
  accessToken!: string;
}

/** Response documentation only (OpenAPI); the service returns plain objects of the contract types. */
export class StartOAuthResponseDto implements StartOAuthResponse {
  @ApiProperty({ description: "Upstox's /v2/login/authorization/dialog URL to open in the popup" })
  authorizationUrl!: string;
}

export class ConnectionStatusDto implements ConnectionStatus {
  @ApiProperty({ enum: CONNECTION_STATES })
  state!: ConnectionState;
  @ApiProperty({ enum: UPSTOX_ENVIRONMENTS, nullable: true, type: String })
  environment!: UpstoxEnvironment | null;
  @ApiProperty()
  simulated!: boolean;
  @ApiProperty({ nullable: true, type: String })
  userId!: string | null;
  @ApiProperty({ nullable: true, type: String })
  userName!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'ISO-8601 instant at which the access token dies (03:30 IST)' })
  expiresAt!: string | null;
  @ApiProperty()
  redirectUri!: string;
  @ApiProperty({ nullable: true, type: String })
  reason!: string | null;
  @ApiProperty({ type: () => AccountStreamStatusDto, nullable: true, description: 'The live account stream; null unless connected (none in the sandbox).' })
  stream!: AccountStreamStatus | null;
  @ApiProperty({
    required: false,
    description:
      'True only while expired with a read-only extended token: orders, trades, positions, holdings and funds still load, nothing can be placed, modified or cancelled until you reconnect.',
  })
  readOnly?: boolean;
}

export class AccountStreamStatusDto implements AccountStreamStatus {
  @ApiProperty({ enum: ACCOUNT_STREAM_STATES, description: '"live": updates arrive as they happen; "reconnecting": reads come from throttled snapshots meanwhile' })
  state!: AccountStreamState;
  @ApiProperty({ description: 'ISO-8601 instant the stream entered this state' })
  since!: string;
  @ApiProperty({ nullable: true, type: String })
  cause!: string | null;
}

export class SimulatorAppCredentialsDto implements SimulatorAppCredentials {
  @ApiProperty()
  apiKey!: string;
  @ApiProperty()
  apiSecret!: string;
  @ApiProperty()
  redirectUri!: string;
}
