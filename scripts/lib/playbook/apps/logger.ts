/** Logger 1.0.0: writes `log_message` to the execution log at `logging` level (any case); output logger.content. */
import { AppFailure } from '../errors.js';
import { str, type AppImpl } from './app.js';

const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'WARNING', 'ERROR', 'CRITICAL'];

export const logger: AppImpl = ({ params, run, label }) => {
  const level = params.text('logging', { fallback: 'INFO' }).trim().toUpperCase() || 'INFO';
  if (!LEVELS.includes(level)) throw new AppFailure(`logging level ${JSON.stringify(level)} is not one of ${LEVELS.join(', ')}`);
  const message = params.text('log_message');
  run.logs.push({ level, message, job: label });
  return { outputs: [str('logger.content', message)] };
};
