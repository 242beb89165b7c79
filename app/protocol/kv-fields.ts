/**
 * The key-value store fields both sides of the protocol use (protocol §4.3–4.4, §5.5): the
 * platform stages a request body under the requestKey, the service stores its answer's body and
 * its output variables under a sessionId. One place, for the service and every platform stand-in.
 */

/** Hash field (under the requestKey) holding the request body, base64 (WebhookEvent `bodyVariable`). */
export const REQUEST_BODY_FIELD = 'request.body';

/** Hash field (under the sessionId) holding a WebhookEventResponse body: a JSON string of base64. */
export const RESPONSE_BODY_FIELD = 'response.body';

/** tcex_testing_context hooks: the fired flag per session, the tracker list and the trigger of a session. */
export const TESTING_FIRED_FIELD = '#Trigger:9876:_fired!String';
export const TESTING_TRACKER_FIELD = '_context_tracker';
export const TESTING_TRIGGER_ID_FIELD = '_trigger_id';
