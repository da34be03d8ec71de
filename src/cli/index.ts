import config from '../config'
import { processIo } from './io'
import { runCli } from './run'

runCli(process.argv.slice(2), processIo(), config).then(code => {
  process.exitCode = code
})
