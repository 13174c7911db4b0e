import { RequestMethod } from '@nestjs/common';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { ApiModule } from '../../apps/api/src/api.module.js';
import type { TestApp } from './test-app.js';

/** Every route the application registers, as `METHOD /path` (API routes under /api/v1), sorted. */
export function registeredRoutes(t: TestApp): string[] {
  const scanner = new MetadataScanner();
  const routes: string[] = [];
  const controllers = [...t.app.get(ModulesContainer).values()].flatMap((module) =>
    [...module.controllers.values()].map((wrapper) => ({
      wrapper,
      prefix: module.metatype === ApiModule ? 'api/v1' : '',
    })),
  );
  for (const { wrapper, prefix } of controllers) {
    const prototype = Object.getPrototypeOf(wrapper.instance) as object;
    const base = String(Reflect.getMetadata('path', wrapper.metatype as object) ?? '');
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, object>)[name];
      const path = Reflect.getMetadata('path', handler) as string | undefined;
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata('method', handler) as number];
      const full = [prefix, base, path]
        .map((p) => p.replace(/^\/|\/$/g, ''))
        .filter(Boolean)
        .join('/');
      routes.push(`${method} /${full}`);
    }
  }
  return routes.sort();
}
