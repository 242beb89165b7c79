import type { Preset } from './preset.js';
import { at, first, isText } from './shape.js';

/**
 * Okta event hooks: {eventType: "com.okta.event_hook", source, eventId, eventTime, data: {events: [LogEvent …]}};
 * each System Log event is one alert (`data.events[]` fan out). The one-time verification GET is a handshake.
 * https://developer.okta.com/docs/concepts/event-hooks/
 * https://developer.okta.com/docs/reference/api/system-log/#logevent-object
 * Title: `displayMessage`, else `eventType`. Severity: DEBUG / INFO / WARN / ERROR. Id: the event `uuid`.
 * Indicators: the client's and the request chain's IP addresses; the actor and targets are the
 * customer's own users (metadata).
 */
export const okta: Preset = {
  name: 'Okta Event Hook',
  docs: 'https://developer.okta.com/docs/concepts/event-hooks/',
  items: ['$.data.events[*]'],
  fields: {
    id: ['$.uuid'],
    title: ['$.displayMessage', '$.eventType'],
    description: ['$.outcome.reason', '$.eventType'],
    timestamp: ['$.published'],
    link: [],
  },
  severity: [{ path: '$.severity', scale: 'text' }],
  detect: (p) =>
    at(p, 'eventType') === 'com.okta.event_hook' || (isText(at(first(p, 'data', 'events'), 'uuid')) && isText(at(first(p, 'data', 'events'), 'eventType'))),
  source: 'Okta',
  evidence: ['$.client.ipAddress', '$.request.ipChain[*].ip', '$.debugContext.debugData.threatSuspected'],
  metadata: ['uuid', 'actor', 'target', 'transaction', 'authenticationContext', 'requestId', 'requestUri', 'dtHash'],
  allowDomains: ['okta.com', 'oktapreview.com', 'okta-emea.com'],
  sample: 'samples/okta.json',
};
