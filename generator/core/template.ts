/**
 * Generation-time templating with Handlebars, without fighting Helm over `{{ }}`.
 *
 * Template sources are plain Helm templates: every `{{ … }}` in them is Helm's and reaches the chart
 * byte for byte. Generation-time expressions use `[[ … ]]` instead. Handlebars cannot change its
 * delimiters, so before compiling we swap Helm's braces for control characters that Handlebars treats
 * as text, turn `[[ ]]` into Handlebars' braces, render, and swap Helm's braces back.
 */
import Handlebars from 'handlebars';

const HELM_OPEN = '\u0001';
const HELM_CLOSE = '\u0002';

export class TemplateError extends Error {}

function protect(source: string, origin: string): string {
  if (source.includes(HELM_OPEN) || source.includes(HELM_CLOSE)) {
    throw new TemplateError(`${origin}: contains control characters U+0001/U+0002, which the generator reserves`);
  }
  return source.replaceAll('{{', HELM_OPEN).replaceAll('}}', HELM_CLOSE).replaceAll('[[', '{{').replaceAll(']]', '}}');
}

function restore(output: string): string {
  return output.replaceAll(HELM_OPEN, '{{').replaceAll(HELM_CLOSE, '}}');
}

/** Renders one template source; an unknown context key fails with the source's name. */
export function renderTemplate(source: string, context: object, origin: string): string {
  const hbs = Handlebars.create();
  try {
    const compiled = hbs.compile(protect(source, origin), { noEscape: true, strict: true, preventIndent: true });
    return restore(compiled(context));
  } catch (err) {
    if (err instanceof TemplateError) throw err;
    throw new TemplateError(`${origin}: ${(err as Error).message}`);
  }
}
