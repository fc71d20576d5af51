/**
 * `node dist/scripts/start/supervise.js <name> <script.js>`: runs one service for `npm start` and starts it again
 * when it crashes (see restartOnCrash). Ctrl-C reaches it like every process of the terminal and stops it for good.
 */
import { restartOnCrash } from '@broker/platform';

const [name, script] = process.argv.slice(2);
if (!name || !script) {
  console.error('usage: supervise <name> <script.js>');
  process.exit(2);
}

// Node flags for the service alone (not for this supervisor), for measuring: `SERVICE_NODE_FLAGS=--cpu-prof`, which
// Node refuses in NODE_OPTIONS. Each profile is named after the service (a restart writes over it).
const flags = (process.env.SERVICE_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
const named = flags.includes('--cpu-prof') && !flags.some((flag) => flag.startsWith('--cpu-prof-name')) ? [`--cpu-prof-name=${name}.cpuprofile`] : [];

restartOnCrash({ name, command: process.execPath, args: [...flags, ...named, script] }).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`${name}: supervisor failed: ${error.message}`);
    process.exit(1);
  },
);
