/**
 * YAML output as Helm reads it. Helm's parser follows YAML 1.1, where `on`, `yes`, `n` and `0775` are
 * not strings, so every document is written as 1.1 and such strings come out quoted.
 */
import { Document, stringify } from 'yaml';

// No anchors or aliases: a value shared by two keys is written out at both, as a reader expects.
const OPTIONS = { version: '1.1', lineWidth: 0, indentSeq: true, aliasDuplicateObjects: false } as const;

export const toYaml = (value: unknown): string => stringify(value, OPTIONS);
export const yamlDocument = (value: unknown): Document => new Document(value, { version: '1.1' });
export const documentToString = (doc: Document): string => doc.toString({ lineWidth: 0, indentSeq: true });
