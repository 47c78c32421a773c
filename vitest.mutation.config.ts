import { configDefaults, defineConfig } from 'vitest/config'
import testConfig from './vite.config'

// The test config that Stryker's vitest runner loads (see stryker.config.mjs): the projects of
// vite.config.ts (core, react19, react18) with two changes.
// - No type tests: they check types, which no mutant changes, and they would run tsc again for
//   every mutant that needs a full run.
// - Not the million-subscription churn test: it takes about a minute, and nearly every mutant of
//   the core would run it, as vitest starts with its slowest file. What only it can see (memory
//   retained at scale) is listed with the equivalent mutants in stryker.config.mjs.
// - Not the timed growth test (rule 9): it times 100,000 subscriptions per operation, seconds per
//   run. The cost mutants only it could see are listed in stryker.config.mjs too.
const tooSlowForMutation = ['tests/core/churn.test.ts', 'tests/core/linear-cost.test.ts']

const projects = (testConfig.test?.projects ?? []).map((project) =>
  typeof project === 'object' && 'test' in project
    ? {
        ...project,
        test: {
          ...project.test,
          exclude: [...(project.test?.exclude ?? configDefaults.exclude), ...tooSlowForMutation],
          typecheck: { enabled: false },
        },
      }
    : project,
)

export default defineConfig({ test: { projects } })
