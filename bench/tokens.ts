/** Token counts with the o200k_base encoding (GPT-4o and later). */
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

export const TOKENIZER = 'o200k_base';

export function tokensOf(value: unknown): number {
  return countTokens(typeof value === 'string' ? value : JSON.stringify(value));
}
