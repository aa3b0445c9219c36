import { readFileSync } from 'node:fs';
import { PROVIDERS } from '../providers.registry.js';
import { CORE_VARIABLE_DOCS, renderEnvironmentTable, validatedCoreVariables, withEnvironmentTable } from './environment-docs.js';

describe('the README variable table', () => {
  it('documents every core variable the hub validates, and nothing else', () => {
    expect(CORE_VARIABLE_DOCS.map((v) => v.name).sort()).toEqual(validatedCoreVariables().sort());
  });

  it('is the rendering of the registry and the core variables (run `npm run docs:env` after changing either)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(withEnvironmentTable(readme, renderEnvironmentTable(PROVIDERS))).toBe(readme);
  });

  it("lists every registered provider's variables", () => {
    const table = renderEnvironmentTable(PROVIDERS);
    for (const { definition } of PROVIDERS) for (const v of definition.env) expect(table).toContain(`\`${v.name}\``);
  });
});
