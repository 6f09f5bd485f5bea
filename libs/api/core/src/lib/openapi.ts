import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { RequestHandler } from 'express';
import { DESK_VERSION } from './version';

export const OPENAPI_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = 'api/docs-json';
export const OPENAPI_YAML_PATH = 'api/docs-yaml';

/** What access control adds to the docs: who may read them and how clients authenticate (see api/access). */
export interface OpenApiAccess {
  /** Runs before every docs page: Swagger serves them outside Nest's routing, so the global guards never see them. */
  gate: RequestHandler;
  addSecuritySchemes(builder: DocumentBuilder): DocumentBuilder;
}

/**
 * OpenAPI at /api/docs (+ /api/docs-json, /api/docs-yaml), generated from the controllers and DTOs. Every path
 * Swagger serves is gated (express mounts match whole path segments, so /api/docs does not cover /api/docs-yaml).
 */
export function setupOpenApi(app: NestExpressApplication, access: OpenApiAccess): void {
  for (const path of [OPENAPI_PATH, OPENAPI_JSON_PATH, OPENAPI_YAML_PATH]) app.use(`/${path}`, access.gate);
  const config = access
    .addSecuritySchemes(
      new DocumentBuilder()
        .setTitle('Upstox Desk API')
        .setDescription('Local REST gateway to your own Upstox account. Sign in with the dashboard session or an API key.')
        .setVersion(DESK_VERSION),
    )
    .build();
  const document = () => SwaggerModule.createDocument(app, config);
  SwaggerModule.setup(OPENAPI_PATH, app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH, yamlDocumentUrl: OPENAPI_YAML_PATH });
}
