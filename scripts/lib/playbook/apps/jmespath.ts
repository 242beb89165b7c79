/**
 * TCPB - JMESPath v3.0: parses `json_data` and evaluates each expression of `string_expressions`
 * (String outputs) and `string_array_expressions` (StringArray outputs). Variables embedded in an
 * expression are resolved first. A string result is written bare when strip_quotes is true (else
 * JSON-quoted); other results as JSON text. An expression that does not compile or evaluate fails
 * the job when fail_on_jmes_expression is true (else gives null); a null result fails it when
 * fail_on_no_results is true.
 */
import { search } from '@jmespath-community/jmespath';
import { AppFailure } from '../errors.js';
import { asText } from '../params.js';
import type { Output } from '../scope.js';
import { pyJson } from '../variables.js';
import type { AppImpl } from './app.js';

type Json = Parameters<typeof search>[0];

function evaluate(data: Json, expression: string, key: string, failOnExpression: boolean): unknown {
  try {
    return search(data, expression);
  } catch (err) {
    if (!failOnExpression) return null;
    throw new AppFailure(`expression for ${key} failed: ${err instanceof Error ? err.message.slice(0, 200) : String(err)} (expression: ${expression})`);
  }
}

const stringOf = (v: unknown, stripQuotes: boolean): string | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? (stripQuotes ? v : JSON.stringify(v)) : pyJson(v);

export const jmespath: AppImpl = ({ params }) => {
  const text = asText(params.value('json_data'));
  let data: Json;
  try {
    data = JSON.parse(text) as Json;
  } catch {
    throw new AppFailure(`json_data is not valid JSON (${text.trim() === '' ? 'it is empty' : `starts ${JSON.stringify(text.slice(0, 40))}`})`);
  }
  const stripQuotes = params.bool('strip_quotes', true);
  const failOnNoResults = params.bool('fail_on_no_results', false);
  const failOnExpression = params.bool('fail_on_jmes_expression', true);
  const outputs: Output[] = [];
  const run = (kind: 'String' | 'StringArray', param: string) => {
    for (const { key, value } of params.kvList(param)) {
      const expression = asText(value);
      const result = evaluate(data, expression, key, failOnExpression);
      if ((result === null || result === undefined) && failOnNoResults)
        throw new AppFailure(`expression for ${key} found nothing (fail_on_no_results is true; expression: ${expression})`);
      if (kind === 'String') outputs.push({ name: key, type: 'String', value: stringOf(result, stripQuotes) });
      else {
        const list = result === null || result === undefined ? null : Array.isArray(result) ? result : [result];
        outputs.push({ name: key, type: 'StringArray', value: list === null ? null : list.map((x) => stringOf(x, true)) });
      }
    }
  };
  run('String', 'string_expressions');
  run('StringArray', 'string_array_expressions');
  return { outputs };
};
