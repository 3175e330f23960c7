/**
 * Entry point of the worker started by src/io/xml-worker.ts: runs one parsing task on the text it was
 * given and posts the Result back. Nothing else; a runaway input dies here (heap limit, terminate on
 * timeout), not in the process that started it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runInProcess, type IsolatedTask } from './xml-worker.js';

parentPort!.postMessage(runInProcess(workerData as IsolatedTask));
