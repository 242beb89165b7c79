/**
 * Output values whose JSON text was made beforehand (where the alert was analysed: the analysis
 * worker for a large body), so the event loop neither builds nor encodes them: a 100-alert batch at
 * its indicator budget holds 10,000 indicators (indicator-budget.ts), and their arrays of strings and entity objects cost
 * the main thread tens of milliseconds to receive from the worker, build and encode.
 *
 * A prepared output is an ordinary `{ type, value }`: `value` is read from the JSON text on first use
 * (JSON.parse: the same strings and objects, in the same order) and is an ordinary property from
 * then on. Until then the writer stores the JSON text (or its UTF-8 bytes, as the analysis worker
 * sends them) as it is (`preparedJson`): byte for byte what
 * encodeOutputValue makes of the value, since the text is JSON.stringify of a value of the output's
 * type. Once `value` has been read (or set) the text is forgotten: whatever the value holds then is
 * what gets encoded.
 */
import type { OutputValue } from '../app.js';
import type { VariableType } from './variables.js';

const texts = new WeakMap<OutputValue, string | Buffer>();

/**
 * `{ type, value }` with `value` = JSON.parse(json), read on first use; `json` (the text, or its UTF-8
 * bytes) must be JSON.stringify of a value that fits `type`.
 */
export function preparedOutput(type: VariableType, json: string | Buffer): OutputValue {
  const output = { type } as OutputValue;
  const settle = (value: unknown) => {
    texts.delete(output);
    Object.defineProperty(output, 'value', { value, enumerable: true, writable: true, configurable: true });
  };
  Object.defineProperty(output, 'value', {
    enumerable: true,
    configurable: true,
    get() {
      const value: unknown = JSON.parse(typeof json === 'string' ? json : json.toString('utf8'));
      settle(value);
      return value;
    },
    set: settle,
  });
  texts.set(output, json);
  return output;
}

/** The prepared JSON text (or its bytes) of an output whose value has not been read or set, else undefined. */
export const preparedJson = (output: OutputValue): string | Buffer | undefined => texts.get(output);
