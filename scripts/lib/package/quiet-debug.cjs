/*
 * The `debug` package as the packaged bundle sees it (bundle-app.ts resolves the bare specifier
 * `debug` here). With DEBUG unset when the service starts — when `debug` itself prints nothing —
 * every logger is a plain no-op: debug's own disabled logger still gathers each call's arguments
 * into an array, and mqtt-packet's parser and writer call theirs ~90 times per event (~20 KB of
 * garbage, docs/performance.md). With DEBUG set, the real package, unchanged. (No dependency turns
 * tracing on at run time with `enable()`; here that would stay off.)
 */
'use strict';

if (process.env.DEBUG) {
  module.exports = require('debug/src/index.js');
} else {
  const noop = () => {};
  const createDebug = (namespace) => {
    const logger = () => {};
    logger.namespace = namespace;
    logger.enabled = false;
    logger.useColors = false;
    logger.color = 0;
    logger.diff = 0;
    logger.log = noop;
    logger.destroy = () => false;
    logger.extend = (sub, delimiter) => createDebug(`${namespace}${delimiter === undefined ? ':' : delimiter}${sub}`);
    return logger;
  };
  createDebug.debug = createDebug;
  createDebug.default = createDebug;
  createDebug.enable = noop;
  createDebug.disable = () => '';
  createDebug.enabled = () => false;
  createDebug.coerce = (value) => (value instanceof Error ? value.stack || value.message : value);
  createDebug.humanize = (ms) => `${ms}ms`;
  createDebug.log = noop;
  createDebug.formatArgs = noop;
  createDebug.save = noop;
  createDebug.load = () => undefined;
  createDebug.useColors = () => false;
  createDebug.names = [];
  createDebug.skips = [];
  createDebug.formatters = {};
  createDebug.inspectOpts = {};
  createDebug.colors = [];
  createDebug.selectColor = () => 0;
  module.exports = createDebug;
}
