/**
 * What must be undone even when the run is interrupted: child processes and scratch databases.
 * Each step runs once, newest first; Ctrl-C runs them all and then exits.
 */
const steps: (() => Promise<void> | void)[] = [];

export function onCleanup(step: () => Promise<void> | void): () => Promise<void> {
  let done: Promise<void> | null = null;
  const once = () => {
    done ??= Promise.resolve().then(step);
    return done;
  };
  steps.push(once);
  return async () => {
    await once();
    steps.splice(steps.indexOf(once), 1);
  };
}

export async function cleanUpEverything(): Promise<void> {
  for (const step of steps.splice(0).reverse()) {
    await Promise.resolve()
      .then(step)
      .catch((error) => console.error('cleanup failed:', error instanceof Error ? error.message : error));
  }
}

export function cleanUpOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping bots and dropping scratch databases…`);
      void cleanUpEverything().finally(() => process.exit(130));
    });
  }
}
