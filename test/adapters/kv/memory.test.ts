import { describe } from 'node:test';
import { createMemoryKv } from '../../../app/adapters/kv/memory.js';
import { kvStoreContract } from './kv-store.contract.js';

describe('in-memory store', () => {
  let now = Date.now();
  const clock = { now: () => now };
  const store = createMemoryKv({ clock });
  kvStoreContract('memory', () => ({
    store,
    advance: async (ms) => {
      now += ms;
    },
  }));
});
