import { createMemoryStore } from './memory';
import { storeContract } from './contract.test-suite';

storeContract('memory', async () => createMemoryStore());
