// Worker threads run plain Node: in development and tests the optimiser's
// worker modules are TypeScript, so this entry registers tsx first and then
// loads the module named in workerData.tsModule. Built code (dist/) starts
// its .js workers directly and never loads this file.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.tsModule);
