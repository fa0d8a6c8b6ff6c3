/** A growing list of SQL bind parameters: values never enter SQL text, only `$n` placeholders do. */
export class SqlParams {
  readonly values: unknown[] = [];
  #alias = 0;

  /** Binds a value and returns its placeholder, with an optional cast (`text`, `numeric`, `timestamptz`, `text[]`…). */
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  }

  /** A fresh table alias for a nested sub-query. */
  alias(prefix: string): string {
    return `${prefix}${++this.#alias}`;
  }
}
