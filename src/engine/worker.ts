import { expose, transfer } from 'comlink';
import { createEngine } from './engine.ts';
import { openBrowserDatabase } from './duck/browser.ts';

expose(
  createEngine({
    openDatabase: openBrowserDatabase,
    now: () => performance.now(),
    transfer,
  }),
);
