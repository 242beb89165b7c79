/**
 * The simulator's trigger configurations: CreateConfig with the trigger's inputs and output
 * variables, the service's acknowledgement per trigger id, DeleteConfig.
 */
import { replyKey, type PlatformClient } from '../platform-driver/client.js';
import { createConfigMessage, deleteConfigMessage, type PlatformMessage } from '../platform-driver/conversation.js';
import { outVariables } from '../platform-driver/output-variables.js';
import type { ConfigAck } from './simulator-types.js';

const ACK_TIMEOUT_MS = 10_000;

export interface ConfigDesk {
  /** Sends CreateConfig; resolves with the acknowledgement (Failed when none came within 10 s). */
  configure(triggerId: number, inputs: Record<string, unknown>, outputs?: string[]): Promise<ConfigAck>;
  unconfigure(triggerId: number): Promise<void>;
  /** A CreateConfig acknowledgement from the service. */
  acknowledged(message: PlatformMessage): void;
  /** The latest acknowledgement per trigger id. */
  snapshot(): Map<number, ConfigAck>;
}

export interface ConfigDeskOptions {
  platform: PlatformClient;
  /** `<name>!<type>` of every output install.json declares (asked for unless a trigger names its own). */
  declared: readonly string[];
  /** The simulator's base URL (the trigger's webhook URL in CreateConfig). */
  url(): string;
  /** Told of every refused configuration. */
  refused(triggerId: unknown, ack: ConfigAck): void;
}

const failed = (message: string): ConfigAck => ({ status: 'Failed', message });

export function createConfigDesk(options: ConfigDeskOptions): ConfigDesk {
  const { platform } = options;
  const acks = new Map<number, ConfigAck>();
  return {
    async configure(triggerId, inputs, outputs) {
      const acked = platform.expect(replyKey.ack('CreateConfig', triggerId), ACK_TIMEOUT_MS);
      const config = { ...inputs, tc_playbook_out_variables: outVariables(triggerId, outputs ?? options.declared) };
      try {
        await platform.publish(createConfigMessage(triggerId, config, { tokenPrefix: 'SIM', url: `${options.url()}/${triggerId}` }));
      } catch (err) {
        acked.catch(() => undefined);
        return failed(err instanceof Error ? err.message : String(err));
      }
      return acked.then(
        (m) => ({ status: String(m.status), message: String(m.message ?? '') }),
        () => failed('the service did not acknowledge CreateConfig within 10 s'),
      );
    },
    async unconfigure(triggerId) {
      acks.delete(triggerId);
      await platform.publish(deleteConfigMessage(triggerId));
    },
    acknowledged(m) {
      const ack = { status: String(m.status), message: String(m.message ?? '') };
      acks.set(Number(m.triggerId), ack);
      if (m.status !== 'Success') options.refused(m.triggerId, ack);
    },
    snapshot: () => new Map(acks),
  };
}
