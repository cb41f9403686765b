import { parseArgs } from 'node:util';
import { startStaticServer } from './lib/static-server.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: process.env.PORT ?? '4173' },
    host: { type: 'string', default: '127.0.0.1' },
    isolated: { type: 'boolean', default: false },
  },
});

const server = await startStaticServer({
  root: positionals[0] ?? 'dist',
  port: Number(values.port),
  host: values.host,
  isolated: values.isolated,
});
console.log(`Lakehouse in a tab is served at ${server.url}  (Ctrl+C stops it)`);
if (values.isolated) console.log('Cross-origin isolated: DuckDB runs multi-threaded.');
