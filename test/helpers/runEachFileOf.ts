import fs from 'node:fs'
import path from 'node:path'

/**
 * Runs every test file of an integration folder inside one Jest test file, each under a describe
 * named after it (test/integration/<folder>.test.ts calls this for its folder). Jest gives each of
 * its test files a fresh module registry, and loading the app into one, compiling its pages and
 * opening its first connections took about 0.85 s of each of 91 integration files: a folder now
 * pays it once. Each file still builds and closes its own app and empties the database before each
 * of its tests, as when it runs alone (`npm run test:file -- <path>` runs files on their own).
 */
export function runEachFileOf(folder: string): void {
  testFilesOf(folder).forEach(name =>
    describe(name, () => {
      jest.requireActual(path.join(folder, name))
    }),
  )
}

/** The test files of a folder, in name order. */
export const testFilesOf = (folder: string) =>
  fs
    .readdirSync(folder)
    .filter(name => name.endsWith('.test.ts'))
    .sort()
