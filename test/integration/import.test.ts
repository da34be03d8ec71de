// Every test file of integration/import/, in one Jest file (test/helpers/runEachFileOf.ts says why).
import path from 'node:path'
import { runEachFileOf } from '../helpers/runEachFileOf'

runEachFileOf(path.join(__dirname, 'import'))
