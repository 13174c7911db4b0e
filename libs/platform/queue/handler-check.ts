/** What is wrong with a set of discovered job handlers: a job with none, a job with two, or an unknown name. */
export function handlerProblems(jobNames: readonly string[], handled: readonly string[]): string[] {
  const problems: string[] = [];
  const known = new Set(jobNames);
  for (const name of jobNames) {
    const count = handled.filter((h) => h === name).length;
    if (count === 0) problems.push(`job "${name}" has no handler`);
    if (count > 1) problems.push(`job "${name}" has ${count} handlers`);
  }
  for (const name of new Set(handled)) {
    if (!known.has(name)) problems.push(`a handler is declared for unknown job "${name}"`);
  }
  return problems;
}
