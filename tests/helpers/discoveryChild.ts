/**
 * The two sides of the discovery test, as separate processes (tests/integration/discovery.test.ts runs each inside
 * its own network namespace with `ip netns exec`; never run this on a real network):
 *
 *   node --import tsx tests/helpers/discoveryChild.ts advertise [--interface IF]
 *     advertises "Test room", code ABC234, port 8737; prints {"event":"advertising","name":…} once announced and
 *     stays up until SIGTERM/SIGINT or until its stdin closes (the test runner died), then says goodbye and exits
 *     on its own once the sockets are closed.
 *   node --import tsx tests/helpers/discoveryChild.ts browse [--timeout MS] [--interface IF]
 *     browses for MS (default 1500) and prints the sessions found as one JSON line, then exits on its own.
 */
import { parseArgs } from 'node:util';
import { advertise, browse } from '../../electron/host/discovery';

/** Safety net: an advertiser never outlives a test run. */
const MAX_LIFETIME_MS = 60_000;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { interface: { type: 'string' }, timeout: { type: 'string' } },
});
const iface = values.interface ? { interface: values.interface } : {};

if (positionals[0] === 'advertise') {
  const ad = advertise({ title: 'Test room', code: 'ABC234', port: 8737 }, iface);
  let stopping = false;
  const lifetime = setTimeout(() => shutdown(), MAX_LIFETIME_MS);
  function shutdown() {
    if (stopping) return;
    stopping = true;
    clearTimeout(lifetime);
    process.stdin.destroy();
    // No process.exit: the process ends only if stop() really closed every socket and timer.
    void ad.stop();
  }
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.stdin.on('end', shutdown);
  process.stdin.on('error', shutdown);
  process.stdin.resume();
  ad.ready.then(
    () => process.stdout.write(`${JSON.stringify({ event: 'advertising', name: ad.name })}\n`),
    (error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
      shutdown();
    },
  );
} else if (positionals[0] === 'browse') {
  const timeoutMs = Number(values.timeout ?? 1500);
  const found = await browse({ timeoutMs, ...iface });
  process.stdout.write(`${JSON.stringify(found)}\n`);
} else {
  process.stderr.write('usage: discoveryChild.ts advertise|browse [--interface IF] [--timeout MS]\n');
  process.exitCode = 2;
}
