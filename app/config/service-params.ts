/**
 * The start-up parameters a Webhook Trigger Service understands (protocol §1.3), typed, with the
 * tcex defaults. Names are the platform's own `tc_*` names so that a value can be traced to the
 * params file without a mapping table.
 */

export type LogLevelName = 'trace' | 'debug' | 'info' | 'warning' | 'error' | 'critical';

export const LOG_LEVEL_NAMES: readonly LogLevelName[] = ['trace', 'debug', 'info', 'warning', 'error', 'critical'];

export interface ServiceParams {
  // MQTT broker (§2)
  tc_svc_broker_host: string;
  tc_svc_broker_port: number;
  tc_svc_broker_token: string | null;
  tc_svc_broker_cacert_file: string | null;
  /** Client certificate and key: Redis TLS only, never MQTT. */
  tc_svc_broker_cert_file: string | null;
  tc_svc_broker_key_file: string | null;
  /** MQTT keepalive and connect deadline, seconds. */
  tc_svc_broker_conn_timeout: number;
  tc_svc_client_topic: string;
  tc_svc_server_topic: string;
  tc_svc_hb_timeout_seconds: number;
  tc_svc_id: string | null;

  // Key-value store (§5.3)
  /** `Redis`, `TCKeyValueAPI` or `Mock`. */
  tc_kvstore_type: string;
  tc_kvstore_host: string;
  tc_kvstore_port: number;
  tc_kvstore_user: string | null;
  tc_kvstore_pass: string | null;
  tc_kvstore_tls_enabled: boolean;
  tc_kvstore_tls_port: number;
  tc_playbook_kvstore_id: number;

  // ThreatConnect API (§6)
  tc_api_path: string;
  tc_token: string | null;
  tc_token_expires: number | null;
  tc_api_access_id: string | null;
  tc_api_secret_key: string | null;
  tc_verify: boolean;

  // Logging (§7)
  tc_log_path: string;
  tc_log_file: string;
  tc_log_level: LogLevelName;
  tc_log_max_bytes: number;
  tc_log_backup_count: number;
  tc_log_to_api: boolean;

  // Paths
  tc_in_path: string;
  tc_out_path: string;
  tc_temp_path: string;

  // Proxy
  tc_proxy_host: string | null;
  tc_proxy_port: number | null;
  tc_proxy_username: string | null;
  tc_proxy_password: string | null;
  tc_proxy_tc: boolean;
  tc_proxy_external: boolean;

  /** Test-framework hooks (§5.5) are active only when this is set. */
  tcex_testing_context: string | null;

  /** Every other top-level key: the app's own service-level inputs (install.json serviceConfig: true). */
  app: Record<string, unknown>;
}

export type ParamKind = 'string' | 'int' | 'bool' | 'level';

export interface ParamSpec {
  kind: ParamKind;
  /** null = no default; `required` decides whether that is an error. */
  default: string | number | boolean | null;
  required?: boolean;
  /** Its value is a credential: reported in `secrets`, never logged. */
  secret?: boolean;
}

/** The typed parameters; the default of a path is filled in with the system temp dir at load time. */
export const PARAM_SPECS: Readonly<Record<Exclude<keyof ServiceParams, 'app'>, ParamSpec>> = {
  tc_svc_broker_host: { kind: 'string', default: null, required: true },
  tc_svc_broker_port: { kind: 'int', default: null, required: true },
  tc_svc_broker_token: { kind: 'string', default: null, secret: true },
  tc_svc_broker_cacert_file: { kind: 'string', default: null },
  tc_svc_broker_cert_file: { kind: 'string', default: null },
  tc_svc_broker_key_file: { kind: 'string', default: null },
  tc_svc_broker_conn_timeout: { kind: 'int', default: 60 },
  tc_svc_client_topic: { kind: 'string', default: null, required: true },
  tc_svc_server_topic: { kind: 'string', default: null, required: true },
  tc_svc_hb_timeout_seconds: { kind: 'int', default: 20 },
  tc_svc_id: { kind: 'string', default: null },
  tc_kvstore_type: { kind: 'string', default: 'Redis' },
  tc_kvstore_host: { kind: 'string', default: 'localhost' },
  tc_kvstore_port: { kind: 'int', default: 6379 },
  tc_kvstore_user: { kind: 'string', default: null },
  tc_kvstore_pass: { kind: 'string', default: null, secret: true },
  tc_kvstore_tls_enabled: { kind: 'bool', default: false },
  tc_kvstore_tls_port: { kind: 'int', default: 6379 },
  tc_playbook_kvstore_id: { kind: 'int', default: 0 },
  tc_api_path: { kind: 'string', default: 'https://api.threatconnect.com' },
  tc_token: { kind: 'string', default: null, secret: true },
  tc_token_expires: { kind: 'int', default: null },
  tc_api_access_id: { kind: 'string', default: null },
  tc_api_secret_key: { kind: 'string', default: null, secret: true },
  tc_verify: { kind: 'bool', default: true },
  tc_log_path: { kind: 'string', default: null },
  tc_log_file: { kind: 'string', default: 'app.log' },
  tc_log_level: { kind: 'level', default: 'info' },
  tc_log_max_bytes: { kind: 'int', default: 10_485_760 },
  tc_log_backup_count: { kind: 'int', default: 25 },
  tc_log_to_api: { kind: 'bool', default: false },
  tc_in_path: { kind: 'string', default: null },
  tc_out_path: { kind: 'string', default: null },
  tc_temp_path: { kind: 'string', default: null },
  tc_proxy_host: { kind: 'string', default: null },
  tc_proxy_port: { kind: 'int', default: null },
  tc_proxy_username: { kind: 'string', default: null },
  tc_proxy_password: { kind: 'string', default: null, secret: true },
  tc_proxy_tc: { kind: 'bool', default: false },
  tc_proxy_external: { kind: 'bool', default: false },
  tcex_testing_context: { kind: 'string', default: null },
};

/** Parameters whose default is the system temp dir (tcex: `tempfile.gettempdir()`). */
export const TEMP_DIR_PARAMS: readonly string[] = ['tc_log_path', 'tc_in_path', 'tc_out_path', 'tc_temp_path'];

/** TX2 names TX3 accepted as aliases (protocol §1.3); the current name wins when both are present. */
export const LEGACY_ALIASES: Readonly<Record<string, string>> = {
  tc_playbook_db_type: 'tc_kvstore_type',
  tc_playbook_db_path: 'tc_kvstore_host',
  tc_playbook_db_port: 'tc_kvstore_port',
  tc_playbook_db_context: 'tc_playbook_kvstore_context',
};

/**
 * Platform keys that are neither typed above nor app inputs: they never land in `params.app`.
 * (`tc_*`, `tcex_*` and `batch_*` keys are all platform keys; this lists the odd ones out.)
 */
export const OTHER_PLATFORM_KEYS: readonly string[] = ['api_default_org'];

/** True for a key that belongs to the platform rather than to the app's own inputs. */
export function isPlatformKey(key: string): boolean {
  return key.startsWith('tc_') || key.startsWith('tcex_') || key.startsWith('batch_') || OTHER_PLATFORM_KEYS.includes(key);
}

export interface ProxyParams {
  host: string;
  port: number;
  username?: string;
  password?: string;
}

/** The proxy settings when `tc_proxy_host` and `tc_proxy_port` are set (use them per tc_proxy_tc / tc_proxy_external). */
export function proxyFromParams(params: ServiceParams): ProxyParams | undefined {
  if (!params.tc_proxy_host || params.tc_proxy_port === null) return undefined;
  return {
    host: params.tc_proxy_host,
    port: params.tc_proxy_port,
    ...(params.tc_proxy_username ? { username: params.tc_proxy_username } : {}),
    ...(params.tc_proxy_password ? { password: params.tc_proxy_password } : {}),
  };
}
