import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ErrorFilter } from './error.filter.js';
import { validationPipe } from './validation.js';

export const API_PREFIX = 'api/v1';

/** Everything the HTTP pipeline needs, shared by main.ts and the tests so both run the same application. */
export function configureApp(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('LGA peer challenge case management')
      .setDescription('The HTTP contract: shared/spec/API.md')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
}
