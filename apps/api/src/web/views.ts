import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { MEASURES } from '#libs/councils';
import { datesInWords, londonDateTime } from './lists.js';

/** The project's folder holding package.json, found from this file whether it runs from src or dist. */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the web UI');
    dir = parent;
  }
  return dir;
}

const root = projectRoot();
const GOVUK_DIST = path.join(root, 'node_modules', 'govuk-frontend', 'dist');
/** MoJ Frontend, for the patterns GOV.UK Frontend lacks (the case timeline). */
const MOJ_FRONTEND = path.join(root, 'node_modules', '@ministryofjustice', 'frontend');
const WEB_SOURCES = path.join(root, 'apps', 'api', 'src', 'web');
/** The compiled GOV.UK Frontend bundles the layout links, served beside its fonts and images. */
const GOVUK_BUNDLES = ['govuk-frontend.min.css', 'govuk-frontend.min.js'];
/** GOV.UK's accessible autocomplete, which turns a long select (the councils) into a search as you type. */
const AUTOCOMPLETE_DIST = path.join(root, 'node_modules', 'accessible-autocomplete', 'dist');
const AUTOCOMPLETE_BUNDLES = ['accessible-autocomplete.min.css', 'accessible-autocomplete.min.js'];

let environment: nunjucks.Environment | undefined;

/**
 * Nunjucks over our templates, GOV.UK Frontend's (`{% from "govuk/components/…/macro.njk" … %}`) and MoJ
 * Frontend's (`"moj/components/…/macro.njk"`).
 */
export function views(): nunjucks.Environment {
  environment ??= new nunjucks.Environment(
    new nunjucks.FileSystemLoader([path.join(WEB_SOURCES, 'views'), GOVUK_DIST, MOJ_FRONTEND]),
    { autoescape: true },
  )
    .addFilter('mojDate', londonDateTime) // MoJ Frontend's timeline formats its times with it
    .addFilter('datesInWords', datesInWords) // the machine's reasons, dates written out
    .addGlobal('measures', MEASURES); // the two measures' names and definitions, one wording for every page
  return environment;
}

/**
 * Serves GOV.UK Frontend's compiled CSS, JS, fonts and images, MoJ Frontend's CSS, the accessible autocomplete,
 * and our one script, under /assets (public).
 */
export function configureWeb(nestApp: INestApplication): void {
  const app = nestApp as NestExpressApplication;
  const assets = { maxAge: '1d', index: false, fallthrough: false } as const;
  const server = app.getHttpAdapter().getInstance() as Express;
  for (const name of GOVUK_BUNDLES) {
    server.get(`/assets/${name}`, (_request: Request, response: Response) =>
      response.sendFile(path.join(GOVUK_DIST, 'govuk', name), { maxAge: '1d' }),
    );
  }
  for (const name of AUTOCOMPLETE_BUNDLES) {
    server.get(`/assets/${name}`, (_request: Request, response: Response) =>
      response.sendFile(path.join(AUTOCOMPLETE_DIST, name), { maxAge: '1d' }),
    );
  }
  server.get('/assets/moj-frontend.min.css', (_request: Request, response: Response) =>
    response.sendFile(path.join(MOJ_FRONTEND, 'moj', 'moj-frontend.min.css'), { maxAge: '1d' }),
  );
  app.useStaticAssets(path.join(WEB_SOURCES, 'public'), { ...assets, prefix: '/assets/app' });
  app.useStaticAssets(path.join(GOVUK_DIST, 'govuk', 'assets'), { ...assets, prefix: '/assets' });
}
