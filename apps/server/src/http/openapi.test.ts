import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lint, lintConfig, loadConfig, type NormalizedProblem } from '@redocly/openapi-core';
import type { Router } from 'express';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { authRoutes } from './auth.routes.js';
import { orgRoutes } from './orgs.routes.js';
import { topicRoutes } from './topics.routes.js';
import { caseRoutes } from './cases.routes.js';
import { followUpRoutes } from './follow-up.routes.js';
import { documentRoutes } from './documents.routes.js';
import { auditRoutes } from './audit.routes.js';
import { dutyRoutes } from './duty.routes.js';
import { proposalRoutes } from './proposals.routes.js';
import { opinionRoutes } from './opinions.routes.js';
import { videoRoutes } from './video.routes.js';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** `METHOD /api/path/{param}` for every route a router declares (building it calls no service). */
function routesOf(router: Router): string[] {
  return (router.stack as Layer[]).flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods).map(
          (method) => `${method.toUpperCase()} /api${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`,
        )
      : [],
  );
}

const repository = (file: string) => fileURLToPath(new URL(`../../../../${file}`, import.meta.url));

/** `rule at #/pointer: message`, the way a reader finds it in the file. */
const described = (problem: NormalizedProblem) =>
  `${problem.severity} ${problem.ruleId} at ${problem.location[0]?.pointer ?? '?'}: ${problem.message}`;

describe('docs/api.yaml', () => {
  it("passes Redocly's recommended rules with no error and no warning", async () => {
    const config = await loadConfig({ configPath: repository('redocly.yaml') });
    expect((await lintConfig({ config })).map(described)).toEqual([]);
    const problems = await lint({ ref: repository('docs/api.yaml'), config });
    // Problems that .redocly.lint-ignore.yaml lists, with why, come back marked as ignored.
    expect(problems.filter((problem) => !problem.ignored).map(described)).toEqual([]);
  });

  it('names every operation with a camelCase operationId', () => {
    const doc = parse(readFileSync(repository('docs/api.yaml'), 'utf8')) as {
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    const ids = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, operation]) => ({ at: `${method.toUpperCase()} ${path}`, id: operation.operationId })),
    );
    expect(ids.filter(({ id }) => !/^[a-z][a-zA-Z0-9]*$/.test(id ?? ''))).toEqual([]);
  });

  it('documents every REST route the server has, and no route it does not have', () => {
    const doc = parse(readFileSync(repository('docs/api.yaml'), 'utf8')) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => ['get', 'post', 'put', 'patch', 'delete'].includes(key))
        .map((method) => `${method.toUpperCase()} ${path.replace(/\{id\}/g, '{id}')}`),
    );
    const none = {} as never;
    const served = [
      'GET /api/health',
      'GET /api/ready',
      'GET /metrics',
      ...routesOf(authRoutes(none)),
      ...routesOf(orgRoutes(none, none, none, none)),
      ...routesOf(topicRoutes(none, none, none, none, none, none, none)),
      ...routesOf(caseRoutes(none, none)),
      ...routesOf(followUpRoutes(none, none, none, none)),
      ...routesOf(documentRoutes(none, none, none)),
      ...routesOf(auditRoutes(none, none)),
      ...routesOf(videoRoutes(none, none)),
      ...routesOf(proposalRoutes(none, none, none)),
      ...routesOf(opinionRoutes(none, none, none, none)),
      ...routesOf(dutyRoutes(none, none)),
    ];
    expect([...documented].sort()).toEqual([...served].sort());
  });
});
