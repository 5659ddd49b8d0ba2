/** @module _readme: the runnable example of a package README: the first ```js block of its "## Usage" section, and the output shown after it. */

/**
 * `{ code, output }` from the section `## Usage`: `code` is its first ```js fence; `output` the next fence
 * without a language when the text between them introduces it as output ("Output", "With …"), else null.
 * Null when the section has no ```js fence (the example is shell or TypeScript).
 */
export function readmeUsage(readme) {
  const section = /^## Usage[ \t]*\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readme);
  if (section === null) return null;
  const code = /^```js[ \t]*\n([\s\S]*?)^```[ \t]*$/m.exec(section[1]);
  if (code === null) return null;
  const rest = section[1].slice(code.index + code[0].length);
  const shown = /^([\s\S]*?)^```[ \t]*\n([\s\S]*?)^```[ \t]*$/m.exec(rest);
  const introduced = shown !== null && !shown[1].includes('```') && /\b(Output|With)\b/.test(shown[1]);
  return { code: code[1], output: introduced ? shown[2] : null };
}
