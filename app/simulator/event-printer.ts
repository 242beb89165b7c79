/**
 * How the simulator shows finished events in the terminal: one block per event; a fired request once
 * the service's decision line (with the batch's dropped alerts) and all its fires are in.
 */
import { awaitLoggedDecision } from './decision-log.js';
import type { FiredSession, SimEvent } from './events.js';
import { formatEvent, type EventDetail } from './print.js';

export interface EventPrinter {
  /** Prints a finished event (a fired one once its decision line is logged). */
  finished(event: SimEvent): void;
  /** Says so when a later fire of a batch arrives after its block was printed. */
  firedLater(event: SimEvent, fired: FiredSession): void;
}

/** `logDir`: where the service writes the decision lines. */
export function createEventPrinter(say: (text: string) => void, logDir: string, detail?: EventDetail): EventPrinter {
  const printed = new WeakSet<SimEvent>();
  const print = (e: SimEvent) => {
    printed.add(e);
    say(formatEvent(e, detail));
  };
  const printWhenSettled = (e: SimEvent) => {
    void awaitLoggedDecision(logDir, e.triggerId, e.requestKey, () => e.fires.length, 1000).then((found) => {
      if (found?.detail) e.detail = found.detail;
      print(e);
    });
  };
  return {
    finished: (e) => (e.decision === 'fired' ? printWhenSettled(e) : print(e)),
    firedLater(e, fired) {
      if (printed.has(e)) say(`   #${e.seq}: one more fire, session ${fired.sessionId}`);
    },
  };
}
