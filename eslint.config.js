import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/** Which libraries each library may import (libs/graph.json; docs/ARCHITECTURE.md, The library graph). */
const graph = Object.fromEntries(
  Object.entries(JSON.parse(readFileSync(new URL('./libs/graph.json', import.meta.url), 'utf8'))).filter(
    ([key]) => key !== '$comment',
  ),
);

/** Nest's HTTP exceptions: the HTTP layer's (apps/api), never a library's (docs/ARCHITECTURE.md, domain errors). */
const HTTP_EXCEPTIONS = [
  'HttpException',
  'BadRequestException',
  'UnauthorizedException',
  'ForbiddenException',
  'NotFoundException',
  'ConflictException',
  'UnprocessableEntityException',
  'ServiceUnavailableException',
  'InternalServerErrorException',
];

/**
 * For each library: no import of a library the graph does not allow, and no way into another library but its
 * public index (`#libs/<name>`): neither `#libs/<name>/<file>` nor a relative path out of the library; and no Nest HTTP
 * exception.
 */
const libraryBoundaries = Object.entries(graph).map(([name, allowed]) => {
  const others = Object.keys(graph).filter((other) => other !== name);
  const forbidden = others.filter((other) => !allowed.includes(other));
  return {
    files: [`libs/${name}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/common',
              importNames: HTTP_EXCEPTIONS,
              message: 'A library throws domain errors (#libs/platform: Invalid, NotFound, Refused…), never HTTP ones.',
            },
          ],
          patterns: [
            ...(forbidden.length
              ? [
                  {
                    regex: `^#libs/(${forbidden.join('|')})(/|$)`,
                    message: `libs/${name} may import only ${allowed.map((l) => `#libs/${l}`).join(', ') || 'no other library'} (libs/graph.json).`,
                  },
                ]
              : []),
            { regex: '^#libs/[^/]+/', message: 'Import another library by its index only: #libs/<name>.' },
            {
              regex: '^(\\.\\./)+migrations/',
              message: "The migrations are the application's: an app hands them to DatabaseModule.forRoot.",
            },
            {
              regex: `^(\\.\\./)+(libs/)?(${others.join('|')})/`,
              message: 'Import another library by its index (#libs/<name>), not by a path into it.',
            },
          ],
        },
      ],
    },
  };
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', 'coverage/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        setInterval: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      'no-console': 'error',
    },
  },
  ...libraryBoundaries,
  {
    // The web pages' own script runs in the browser.
    files: ['apps/api/src/web/public/**/*.js'],
    languageOptions: { globals: { document: 'readonly', window: 'readonly' } },
  },
  prettier,
);
