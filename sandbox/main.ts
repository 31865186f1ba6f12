// CLI: `npx tsx sandbox/main.ts [--port 8787] [--host localhost]` runs the sandbox until killed.
import { parseArgs } from 'node:util';
import { startSandbox } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
  },
});

const port = Number(values.port ?? process.env.SANDBOX_PORT ?? 8787);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid port: ${values.port ?? process.env.SANDBOX_PORT}`);
  process.exit(2);
}

const sandbox = await startSandbox({ port, host: values.host ?? 'localhost' });
console.log(`Zoho sandbox on ${sandbox.url}`);

let closing = false;
const shutdown = (signal: string) => {
  if (closing) return;
  closing = true;
  console.log(`${signal}: closing the sandbox`);
  sandbox.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
