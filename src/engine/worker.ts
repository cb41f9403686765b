import { expose, transfer } from 'comlink';
import { createEngine } from './engine.ts';
import { openBrowserDatabase } from './duck/browser.ts';
import { bundledModelFiles } from './model-files.ts';
import { browserStorage } from './storage/browser-storage.ts';

expose(
  createEngine({
    openDatabase: openBrowserDatabase,
    storage: browserStorage(),
    modelFiles: bundledModelFiles,
    now: () => performance.now(),
    transfer,
  }),
);
