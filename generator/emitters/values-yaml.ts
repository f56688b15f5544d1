/** values.yaml: the model's defaults, every key preceded by its description. */
import { isMap, isScalar, type Pair, type YAMLMap } from 'yaml';
import { documentToString, yamlDocument } from './yaml.js';
import { defaultsOf, type Children, type Group, type Node } from '../core/values.js';

function wrap(text: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function annotate(map: YAMLMap, model: Group<Children>, depth: number): void {
  for (const item of map.items as Pair[]) {
    const key = isScalar(item.key) ? String(item.key.value) : '';
    const node: Node | undefined = model.children[key];
    if (!node || !isScalar(item.key)) continue;
    // yaml prefixes each comment line with '#'; the leading space keeps yamllint's starting-space rule.
    item.key.commentBefore = wrap(node.description).map((l) => ` ${l}`).join('\n');
    if (depth === 0) item.key.spaceBefore = true;
    if (node.kind === 'group' && isMap(item.value)) annotate(item.value, node, depth + 1);
  }
}

export function valuesYaml(model: Group<Children>): string {
  const doc = yamlDocument(defaultsOf(model));
  if (isMap(doc.contents)) annotate(doc.contents, model, 0);
  return documentToString(doc);
}
