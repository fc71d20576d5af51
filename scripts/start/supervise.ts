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

restartOnCrash({ name, command: process.execPath, args: [script] }).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`${name}: supervisor failed: ${error.message}`);
    process.exit(1);
  },
);
