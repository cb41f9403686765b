import { expose, transfer } from 'comlink';
import { createEngine } from './engine.ts';
import { openBrowserDatabase } from './duck/browser.ts';
import { bundledModelFiles } from './model-files.ts';

expose(
  createEngine({
    openDatabase: openBrowserDatabase,
    modelFiles: bundledModelFiles,
    now: () => performance.now(),
    transfer,
  }),
);
