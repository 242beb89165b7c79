/**
 * If / Else 1.0.0: compares operand_1 with operand_2. True follows the Pass connections, false the
 * Fail ones (a false result with no Fail connection ends that path). as_numeric compares numbers
 * (a non-number operand fails the job); match_case=false compares case-insensitively.
 */
import { AppFailure } from '../errors.js';
import { IF_ELSE_OPERATORS } from '../../templates/catalog.js';
import type { AppImpl } from './app.js';

function toNumber(text: string, name: string): number {
  const n = text.trim() === '' ? Number.NaN : Number(text.trim());
  if (!Number.isFinite(n)) throw new AppFailure(`${name} ${JSON.stringify(text)} is not a number (as_numeric is true)`);
  return n;
}

export const ifElse: AppImpl = ({ params }) => {
  const a = params.text('operand_1');
  const operator = params.text('operator', { required: true }).trim().toLowerCase();
  const b = params.text('operand_2');
  const numeric = params.bool('as_numeric', false);
  const matchCase = params.bool('match_case', false);
  if (!(IF_ELSE_OPERATORS as readonly string[]).includes(operator))
    throw new AppFailure(`operator ${JSON.stringify(operator)} is not one of ${IF_ELSE_OPERATORS.join(', ')}`);
  let result: boolean;
  if (operator === 'contains' || operator === 'does not contain') {
    const has = matchCase ? a.includes(b) : a.toLowerCase().includes(b.toLowerCase());
    result = operator === 'contains' ? has : !has;
  } else {
    let cmp: number;
    if (numeric) {
      const x = toNumber(a, 'operand_1');
      const y = toNumber(b, 'operand_2');
      cmp = x === y ? 0 : x < y ? -1 : 1;
    } else {
      const x = matchCase ? a : a.toLowerCase();
      const y = matchCase ? b : b.toLowerCase();
      cmp = x === y ? 0 : x < y ? -1 : 1;
    }
    result = {
      equals: cmp === 0,
      'not equals': cmp !== 0,
      'greater than': cmp > 0,
      'greater than or equals': cmp >= 0,
      'less than': cmp < 0,
      'less than or equals': cmp <= 0,
    }[operator as 'equals']!;
  }
  return {
    outputs: [],
    branch: result ? 'Pass' : 'Fail',
    note: `${JSON.stringify(a)} ${operator} ${JSON.stringify(b)}${numeric ? ' (numeric)' : ''} → ${result}`,
  };
};
