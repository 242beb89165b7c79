/**
 * The service entry (`node dist/run.js`): the one file that knows every piece. Loads the params,
 * builds the adapters and the core, connects, says Ready, and maps the ways out to the exit codes
 * of protocol §7: 0 after Shutdown or heartbeat loss, 1 for invalid inputs, interrupts and
 * unexpected errors — each with message.tc.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readRuntimeEnv } from './config/runtime-env.js';
import { loadParams } from './config/load-params.js';
import { readManifest } from './config/manifest.js';
import { proxyFromParams } from './config/service-params.js';
import { createRedactor } from './adapters/log/redact.js';
import { createLogger, type ServiceLogger } from './adapters/log/logger.js';
import { writeExitMessage } from './adapters/exit/exit-message.js';
import { createExternalHttp } from './adapters/http/external-http.js';
import { createTcApi } from './adapters/http/tc-api.js';
import { startTokenRenewer } from './adapters/http/token-renewer.js';
import { createRedisKv } from './adapters/kv/redis.js';
import { createTransport, type Transport } from './adapters/mqtt/transport.js';
import { TokenRegistry } from './core/tokens/token-registry.js';
import { resolveTcVariables } from './core/trigger/resolve-variables.js';
import { createService } from './core/service/service.js';
import { createAlertApp } from './core/alert-app.js';
import { systemClock, systemTimers, type KvStore } from './core/ports.js';

const INTERRUPT_MESSAGE = 'The App received an interrupt signal and will now exit.';
/**
 * Signals take the Shutdown path within the platform's grace period (Docker's default stop timeout
 * is 10 s): drain running events ≤ 5 s, publish the 503 answers of the rest ≤ 2 s, disconnect ≤ 2 s;
 * a hard stop at 9.5 s whatever happens. A second signal exits at once.
 */
const SIGNAL_DRAIN_MS = 5000;
const BROKER_CLOSE_MS = 2000;
const SIGNAL_HARD_STOP_MS = 9500;
const GENERIC_ERROR = 'Generic Error.  See logs for more details';

async function main(): Promise<void> {
  const runtime = readRuntimeEnv();
  const manifest = readManifest(runtime.appDir);
  const loaded = loadParams({ env: runtime.env, argv: runtime.argv, secretKeys: manifest.encryptedInputs });
  const params = loaded.params;
  const outPath = params.tc_out_path;
  try {
    mkdirSync(outPath, { recursive: true });
  } catch {
    // writeExitMessage falls back to the working directory
  }

  if (loaded.errors.length > 0) {
    const message = `Input validation errors\n${loaded.errors.join('\n')}`;
    writeExitMessage(outPath, message);
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }

  const redactor = createRedactor(loaded.secrets);
  const logger: ServiceLogger = createLogger({
    path: params.tc_log_path,
    file: params.tc_log_file,
    level: params.tc_log_level,
    maxBytes: params.tc_log_max_bytes,
    backupCount: params.tc_log_backup_count,
    secrets: redactor,
  });
  logger.info('feature=app, event=start', {
    app: manifest.displayName,
    version: manifest.programVersion,
    node: process.version,
    manifest: manifest.source,
    features: manifest.features,
  });

  let transport: Transport | undefined;
  let kv: KvStore | undefined;
  let renewer: { stop(): void } | undefined;
  let finished = false;
  let signalExit: { code: number; message: string } | undefined;
  const finish = async (code: number, message: string): Promise<never> => {
    if (!finished) {
      finished = true;
      writeExitMessage(outPath, message);
      logger.info('feature=app, event=exit', { code, message });
      await transport?.close(BROKER_CLOSE_MS).catch(() => undefined);
      await kv?.close().catch(() => undefined);
      renewer?.stop();
      logger.close();
    }
    process.exit(code);
  };

  process.on('uncaughtException', (err) => {
    logger.critical('feature=app, event=uncaught-exception', { error: err.message });
    void finish(1, `${GENERIC_ERROR} (${err.message.slice(0, 80)}).`);
  });
  process.on('unhandledRejection', (reason) => {
    logger.error('feature=app, event=unhandled-rejection', { error: reason instanceof Error ? reason.message : String(reason) });
  });

  // install.json's trigger-input choices and defaults: a missing one stops the start, naming it.
  let app: ReturnType<typeof createAlertApp>;
  try {
    app = createAlertApp(manifest);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    logger.critical('feature=app, event=invalid-install-json', { error: why });
    return finish(1, why);
  }

  const proxy = proxyFromParams(params);
  if (proxy?.username && proxy.password) redactor.addBasicCredentials(proxy.username, proxy.password);
  const userAgent = `AlertIntake/${manifest.programVersion} (ThreatConnect Webhook Trigger Service; Node ${process.version})`;
  const tokens = new TokenRegistry();
  if (params.tc_token) tokens.register('main', params.tc_token, params.tc_token_expires ?? undefined);
  renewer = startTokenRenewer({
    registry: tokens,
    apiPath: params.tc_api_path,
    verify: params.tc_verify,
    ...(params.tc_proxy_tc && proxy ? { proxy } : {}),
    logger,
    intervalMs: loaded.tokenRenewIntervalMs,
    onNewToken: (token) => redactor.addSecret(token),
    userAgent,
  });
  const tcApi = createTcApi({
    apiPath: params.tc_api_path,
    tokens,
    verify: params.tc_verify,
    ...(params.tc_proxy_tc && proxy ? { proxy } : {}),
    logger,
    userAgent,
  });
  const http = createExternalHttp({ userAgent, ...(params.tc_proxy_external && proxy ? { proxy } : {}), logger });
  if (params.tc_kvstore_type.toLowerCase() !== 'redis') {
    logger.error('feature=kvstore, event=unsupported-type', {
      type: params.tc_kvstore_type,
      detail: `only Redis is supported; using Redis at ${params.tc_kvstore_host}:${params.tc_kvstore_port}`,
    });
  }
  const store = createRedisKv(params, logger);
  kv = store;

  transport = createTransport({
    host: params.tc_svc_broker_host,
    port: params.tc_svc_broker_port,
    token: params.tc_svc_broker_token,
    caFile: params.tc_svc_broker_cacert_file,
    keepaliveSeconds: params.tc_svc_broker_conn_timeout,
    connectTimeoutSeconds: params.tc_svc_broker_conn_timeout,
    clientTopic: params.tc_svc_client_topic,
    serverTopic: params.tc_svc_server_topic,
    logger,
  });
  const broker = transport;

  const service = createService({
    app,
    kv: store,
    http,
    tcApi,
    clock: systemClock,
    timers: systemTimers,
    logger,
    serviceInputs: params.app,
    publish: (message) => broker.publish('client', message),
    publishToServer: (message) => broker.publish('server', message),
    triggerLogger: (triggerId) => logger.forTrigger(triggerId),
    closeTriggerLogger: (triggerId) => logger.closeTrigger(triggerId),
    setLogLevel: (level) => logger.setLevel(level),
    tokens: {
      register: (triggerId, token, expires) => tokens.register(triggerId, token, expires),
      unregister: (triggerId) => tokens.unregister(triggerId),
    },
    resolveVariables: (inputs, triggerId) => resolveTcVariables(inputs, tcApi, triggerId),
    addSecret: (value) => redactor.addSecret(value),
    newSessionId: () => randomUUID(),
    onStopped: (reason) =>
      void (signalExit ? finish(signalExit.code, signalExit.message) : finish(0, reason === 'Missed heartbeat commands.' ? reason : 'Success')),
    options: {
      features: manifest.features,
      listDelimiter: manifest.listDelimiter,
      multiValueInputs: manifest.multiValueInputs,
      encryptedInputs: manifest.encryptedInputs,
      maxConcurrentEvents: 16,
      maxQueuedEvents: 1000,
      drainTimeoutMs: 10_000,
      ...(params.tcex_testing_context ? { testingContext: params.tcex_testing_context } : {}),
    },
  });
  broker.onMessage((payload) => service.receive(payload));

  const onSignal = (signal: NodeJS.Signals, code: number, message: string) => {
    logger.warn('feature=app, event=signal', { signal });
    if (signalExit) {
      // A second signal: stop now.
      void finish(code, message);
      return;
    }
    signalExit = { code, message };
    setTimeout(() => void finish(code, message), SIGNAL_HARD_STOP_MS).unref();
    // During a shutdown already under way (the platform's Shutdown) this only sets the exit code and the deadline.
    void service.shutdown(`signal ${signal}`, { acknowledge: false, drainTimeoutMs: SIGNAL_DRAIN_MS });
  };
  process.on('SIGTERM', () => onSignal('SIGTERM', 1, INTERRUPT_MESSAGE));
  process.on('SIGINT', () => onSignal('SIGINT', 1, INTERRUPT_MESSAGE));
  process.on('SIGHUP', () => onSignal('SIGHUP', 0, 'Success'));

  service.startWatchdog(params.tc_svc_hb_timeout_seconds);
  await broker.connected;
  await service.announceReady();
  // After Ready (as tcex's Redis client, which connects on its first command); an event that comes first opens it itself.
  store.connect();
}

main().catch((err: unknown) => {
  const text = err instanceof Error ? err.message : String(err);
  process.stderr.write(`Alert Intake failed to start: ${text}\n`);
  writeExitMessage(undefined, `${GENERIC_ERROR} (${text.slice(0, 80)}).`);
  process.exit(1);
});
