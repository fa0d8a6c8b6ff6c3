/** Loads the shipped rule sets (JSON beside this context in ../rule-sets/) and validates them at load; the one place with file I/O. @see shared/reference/early-warning.md §5 */
import { readFileSync } from 'node:fs';
import { parseRuleSet, ruleSetKey, type RuleSet } from './rule-set-schema.ts';

const RULE_SET_DIR = new URL('../rule-sets/', import.meta.url);

/** Read and validate one rule-set file by name (e.g. 'news2-rcp-2017.json'); throws with every problem if invalid. */
export function loadRuleSet(fileName: string): RuleSet {
  if (!/^[a-z0-9.-]+\.json$/.test(fileName)) throw new Error(`EWS_RULE_SET_NAME: ${fileName}`);
  const text = readFileSync(new URL(fileName, RULE_SET_DIR), 'utf8');
  try {
    return parseRuleSet(JSON.parse(text));
  } catch (error) {
    throw new Error(`EWS_RULE_SET_INVALID: ${fileName}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** NEWS2, Royal College of Physicians 2017 (clinical). */
export const NEWS2_RCP_2017: RuleSet = loadRuleSet('news2-rcp-2017.json');
/** ILLUSTRATIVE TOKS variant: status draft, clinicalUse false. For tests and demos only. */
export const TOKS_KERNE_ILLUSTRATIVE_1: RuleSet = loadRuleSet('toks-kerne-illustrative-1.json');

/** The shipped rule sets by key 'id@version' (the form used in config and in Observation.method). */
export const RULE_SETS: Readonly<Record<string, RuleSet>> = Object.fromEntries(
  [NEWS2_RCP_2017, TOKS_KERNE_ILLUSTRATIVE_1].map((rs) => [ruleSetKey(rs), rs]),
);
