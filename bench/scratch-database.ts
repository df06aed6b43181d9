import postgres from 'postgres';

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database on the server in `serverUrl`, dropped again by `drop()`. The database
 * in `serverUrl` itself (e.g. `test`) is only connected to, never written. Names carry this
 * process id so two bench runs on one server do not drop each other's databases.
 */
export async function createScratchDatabase(serverUrl: string, purpose: string): Promise<ScratchDatabase> {
  const name = `orderdesk_bench_${purpose}_${process.pid}`;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | null = null;
  return {
    name,
    url: url.toString(),
    drop() {
      dropped ??= (async () => {
        const again = postgres(serverUrl, { max: 1, onnotice: () => {} });
        try {
          await again.unsafe(`drop database if exists ${name} with (force)`);
        } finally {
          await again.end({ timeout: 5 });
        }
      })();
      return dropped;
    },
  };
}
