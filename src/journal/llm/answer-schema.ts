/**
 * The output schema, built per request (journal-ai.md §6): sentences each citing at least one of the
 * passages given, as an ENUM of their ids, so a model cannot cite what it was not given; plus
 * `notFound`. Enforced by grammar (gguf) or response_format (openai) and always re-validated here.
 */
import { createHash } from 'node:crypto';
import { Ajv } from 'ajv';

export interface GeneratedOutput {
  readonly sentences: readonly { readonly text: string; readonly citations: readonly string[] }[];
  readonly notFound: readonly string[];
}

export interface AnswerSchemaOptions {
  /** Longest sentence (characters); small local models need a bound. */
  readonly maxSentenceLength?: number;
  readonly maxSentences?: number;
}

export function buildAnswerSchema(passageIds: readonly string[], options: AnswerSchemaOptions = {}): Record<string, unknown> {
  if (passageIds.length === 0) throw new RangeError('an answer schema needs at least one passage id');
  return {
    type: 'object',
    properties: {
      sentences: {
        type: 'array',
        minItems: 1,
        maxItems: options.maxSentences ?? 5,
        items: {
          type: 'object',
          properties: {
            text: { type: 'string', ...(options.maxSentenceLength ? { maxLength: options.maxSentenceLength } : {}) },
            citations: { type: 'array', items: { type: 'string', enum: [...passageIds] }, minItems: 1, maxItems: passageIds.length },
          },
          required: ['text', 'citations'],
          additionalProperties: false,
        },
      },
      notFound: { type: 'array', items: { type: 'string', ...(options.maxSentenceLength ? { maxLength: options.maxSentenceLength } : {}) }, maxItems: 3 },
    },
    required: ['sentences', 'notFound'],
    additionalProperties: false,
  };
}

/** `sha256:` of the schema's JSON (for the audit). */
export function schemaHash(schema: Record<string, unknown>): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(schema)).digest('hex')}`;
}

const ajv = new Ajv({ allErrors: true, strict: false });

/** Parses and validates model output; undefined with the reason when it is not JSON or not the schema. */
export function parseOutput(schema: Record<string, unknown>, text: string): { output: GeneratedOutput } | { error: 'invalid-json' | 'schema-mismatch'; detail: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { error: 'invalid-json', detail: (err as Error).message };
  }
  const validate = ajv.compile(schema);
  if (!validate(value)) return { error: 'schema-mismatch', detail: ajv.errorsText(validate.errors) };
  return { output: value as GeneratedOutput };
}
