/** TCPB - SetVariable v1.0: each key of `variable_mapping` becomes a String output holding its resolved value. */
import { asText } from '../params.js';
import { str, type AppImpl } from './app.js';

export const setVariable: AppImpl = ({ params }) => ({
  outputs: params.kvList('variable_mapping').map((kv) => str(kv.key, asText(kv.value))),
});
