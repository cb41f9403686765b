import type { DemoRecipe } from '../../data/generator/scenarios.ts';
import { dataState } from '../data/data-state.svelte.ts';
import { getEngine } from '../engine-client.ts';
import { BATCHES_EXIST_SQL, FINGERPRINT_SQL, fingerprintText } from './fingerprint-sql.ts';

// Fingerprints of demo data sets loaded on this machine, by recipe: data whose fingerprint is here
// is that recipe's demo data, and a link carries the recipe instead of a fingerprint.
const DEMO_KEY = 'lakehouse.demo-fingerprints';
const recipeKey = (r: DemoRecipe) => `${r.seed}:${r.orders}:${r.scenario}`;

function demoPrints(): Record<string, string> {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(DEMO_KEY) ?? '{}');
    return saved && typeof saved === 'object' ? (saved as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function rememberDemo(recipe: DemoRecipe, fp: string) {
  try {
    localStorage.setItem(DEMO_KEY, JSON.stringify({ ...demoPrints(), [recipeKey(recipe)]: fp }));
  } catch {
    // Storage refused (private mode, quota): links then carry a fingerprint for demo data too.
  }
}

/** What data is loaded here, as links speak of it. */
class DataIdentity {
  /** `files-hash` of bronze's files; null when nothing is loaded. */
  fingerprint = $state<string | null>(null);
  /** The demo recipe whose data this is, when it is demo data. */
  demoKey = $state<string | null>(null);
  /** False until the fingerprint was worked out once. */
  known = $state(false);

  isDemoOf(recipe: DemoRecipe): boolean {
    return this.demoKey === recipeKey(recipe);
  }
}

export const dataIdentity = new DataIdentity();

async function computeFingerprint(): Promise<string | null> {
  const engine = getEngine();
  const [exists] = await engine.rows(BATCHES_EXIST_SQL);
  if (!exists?.n) return null;
  return fingerprintText((await engine.rows(FINGERPRINT_SQL))[0]);
}

/**
 * Keeps dataIdentity up to date as loads finish. Call once bronze's first status is known. A demo
 * load into an empty database is remembered as that recipe's data.
 */
export function watchDataIdentity(): () => void {
  return $effect.root(() => {
    let emptyBeforeTask = false;
    $effect(() => {
      const batches = dataState.batches;
      const demo = dataState.demoRecipe;
      // While a load runs, bronze's status is still the one from before it.
      if (dataState.task) {
        emptyBeforeTask = batches.length === 0;
        return;
      }
      const demoIntoEmpty = demo !== null && emptyBeforeTask;
      let stale = false;
      computeFingerprint()
        .then((fp) => {
          if (stale) return;
          if (fp && demo && demoIntoEmpty) rememberDemo(demo, fp);
          const prints = demoPrints();
          dataIdentity.fingerprint = fp;
          dataIdentity.demoKey = fp
            ? (Object.keys(prints).find((key) => prints[key] === fp) ?? null)
            : null;
          dataIdentity.known = true;
        })
        .catch(() => {
          if (!stale) dataIdentity.known = true;
        });
      return () => {
        stale = true;
      };
    });
  });
}

/**
 * The fingerprint a link of this view carries: none for the demo data of the link's own recipe
 * (the recipe regenerates it), the local data's otherwise, and the opened link's own while nothing
 * is loaded here.
 */
export function linkFingerprint(
  recipe: DemoRecipe,
  opened: string | undefined,
): string | undefined {
  if (!dataIdentity.known || !dataIdentity.fingerprint) return opened;
  return dataIdentity.isDemoOf(recipe) ? undefined : dataIdentity.fingerprint;
}

/** True when a link was made with data other than what is loaded here. */
export function otherData(opened: string | undefined): boolean {
  return (
    opened !== undefined &&
    dataIdentity.known &&
    !dataState.task &&
    dataIdentity.fingerprint !== opened
  );
}
