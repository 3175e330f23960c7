/**
 * Entry point of the worker started by src/io/xml-worker.ts: runs one parsing task on the text it was
 * given and posts the Result back. Nothing else; a runaway input dies here (heap limit, terminate on
 * timeout), not in the process that started it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseXml } from '../xml/parse.js';
import { readXliff } from '../xliff/read.js';
import type { IsolatedTask } from './xml-worker.js';

const task = workerData as IsolatedTask;
const result = task.kind === 'parseXml' ? parseXml(task.text, task.options) : readXliff(task.text, task.options);
parentPort!.postMessage(result);
