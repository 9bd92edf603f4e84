import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIMITS } from '../../src/limits';

/** Every leaf of LIMITS as its dotted path: `webhooks.bodyBytes`, `patternInputChars`, … */
function paths(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'object' && child !== null ? paths(child as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe("the README's limits table", () => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Limits'), readme.indexOf('\n## ', readme.indexOf('## Limits') + 1));

  it.each(paths(LIMITS))('names %s', (path) => {
    const key = path.slice(path.lastIndexOf('.') + 1);
    // A row names a group's first key in full and the siblings beside it as `.key`.
    expect(section.includes(`\`${path}\``) || (path.includes('.') && section.includes(`\`.${key}\``))).toBe(true);
  });
});
