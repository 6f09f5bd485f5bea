import { API_KEY_SCOPES, ApiKeyScope, ApiKeySummary, CreateApiKeyRequest, CreateApiKeyResponse } from '@desk/contracts';
import { Body, Controller, Delete, Get, Inject, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { Request } from 'express';
import type { Logger } from 'pino';
import { DESK_PINO } from '@desk/api/core';
import { ApiKeyService } from '../security/api-key.service';
import { SessionOnly } from '../security/principal';

export class CreateApiKeyDto implements CreateApiKeyRequest {
  @ApiProperty({ example: 'my trading bot', maxLength: 64 })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @Matches(/^[\p{L}\p{N}\p{P}\p{Zs}\p{S}]*$/u, { message: 'name may contain letters, digits, spaces and punctuation only' })
  name!: string;

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, example: ['read'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(API_KEY_SCOPES.length)
  @ArrayUnique()
  @IsIn(API_KEY_SCOPES, { each: true, message: `each scope must be one of ${API_KEY_SCOPES.join(', ')}` })
  scopes!: ApiKeyScope[];
}

class ApiKeySummaryDto implements ApiKeySummary {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true }) scopes!: ApiKeyScope[];
  @ApiProperty({ description: 'First characters of the key' }) prefix!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) lastUsedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt!: string | null;
}

class CreateApiKeyResponseDto extends ApiKeySummaryDto implements CreateApiKeyResponse {
  @ApiProperty({ description: 'The key itself: shown only in this response' }) key!: string;
}

/** API keys for scripts and bots. Managed only from a dashboard session, never with a key. */
@ApiTags('api keys')
@ApiCookieAuth()
@SessionOnly()
@Controller('api/keys')
export class ApiKeysController {
  constructor(
    private readonly keys: ApiKeyService,
    @Inject(DESK_PINO) private readonly logger: Logger,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: CreateApiKeyResponseDto })
  create(@Body() body: CreateApiKeyDto, @Req() req: Request): CreateApiKeyResponse {
    const created = this.keys.create(body.name, body.scopes);
    ((req as { log?: Logger }).log ?? this.logger).info(
      { event: 'api_key_created', apiKeyId: created.id, scopes: created.scopes },
      'API key created',
    );
    return created;
  }

  @Get()
  @ApiOkResponse({ type: ApiKeySummaryDto, isArray: true })
  list(): ApiKeySummary[] {
    return this.keys.list();
  }

  @Delete(':id')
  @ApiOkResponse({ type: ApiKeySummaryDto })
  revoke(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: Request): ApiKeySummary {
    const revoked = this.keys.revoke(id);
    ((req as { log?: Logger }).log ?? this.logger).info({ event: 'api_key_revoked', apiKeyId: id }, 'API key revoked');
    return revoked;
  }
}
