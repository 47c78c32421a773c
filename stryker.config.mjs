// Mutation testing of src/ with Stryker: `npm run test:mutation`. Not part of `npm test`: a
// full run takes about 30 minutes on two shared cores.
//
// Targets: a mutation score of at least 90% for src/core, 80% for src/react and 85% for
// src/devtools. Stryker's `thresholds` apply to a whole run only, so `break` below is the lowest
// of them, and tests/mutation/scores.mjs checks each area against its own target from the JSON
// report.
//
// Surviving mutants judged equivalent: no test can tell them from the code, so they count as
// survivors in the scores. (Stryker's `// Stryker disable` comments would go in src/.)
//
// src/core/create-event-bus.ts (the 0.2 subscription store)
// - tidy() and compact() mutated so that holes are squeezed out sooner, later or never (their
//   conditions, the trailing-hole loop, `index < calls.length` made `<=`): the same handlers
//   are called in the same order; only memory and cost differ. tests/core/store.test.ts reads
//   the lists' lengths for the common cases; the growth test (tests/core/linear-cost.test.ts)
//   times the rest and is left out of mutation runs (see vitest.mutation.config.ts).
// - deliver() tidying after a dispatch (`--list.dispatching === 0 && …`) mutated: the same, as
//   end() tidies at the next removal anyway.
// - callOf() wrapping every handler (`return handler` made unreachable): the wrapper admits a
//   subscription with no signal and no `once` at once; only slower.
// - `result !== undefined && isThenable(result)` with its first half made true: isThenable()
//   answers false for undefined; the first half only saves a call.
// - abortAll() without `if (group === undefined) return`: reached when the bus's abort listener
//   runs after an emit already ended the signal's subscriptions; the mutant throws inside that
//   abort listener, which EventTarget reports outside the test.
// - subscribe()'s `method` for waitFor made "": waitFor checked its options under its own name
//   before subscribing, so subscribe() never reports a bad argument for it.
// - `const chain = []` starting non-empty: deliver() writes chain[depth] before depthError()
//   reads chain.slice(0, depth).
// - depthError() listing all of `chain` (`chain.slice(0, depth)` made `chain`): it throws only
//   at depth maxDepth, and chain never holds more than maxDepth types.
// - emit() calling checkType() for string types too (`typeof type !== 'string'` made true, or
//   `'string'` made `""`): checkType() repeats the same test; the guard only saves a call.
// - dispatch()'s fast path for buses without onAny handlers (`any.live === 0` made false, or its
//   block emptied): the general path calls the same handlers.
//
// src/react/context.ts
// - `context.displayName = ''`: only React DevTools shows it; the context is not exported.
//
// src/react/use-event.ts, src/react/use-attachment.ts
// - createSubscriber() starting with `throwOnError: true`: the first insertion effect sets it
//   before useAttachment subscribes, so deliver() never reads the initial value.
// - useAttachment's backstop useEffect with `[]` for `deps`: when a dep changes, the insertion
//   effect has attached again earlier in the same commit, so the re-run finds the attachment
//   (`??=`) and does nothing; when a hidden tree is shown again, React runs the effect function
//   of the latest render, which sees the current deps.
//
// src/core/inspect.ts, src/core/log-events.ts: 100% and 96%. log-events' survivors: the sort of
//   the chains a stop prints (they already come oldest first) and the check of a non-object
//   `options` (destructuring a number gives no filter and no console, the defaults).
//
// src/devtools (88% in a run of its own, target 85%): the survivors are of three kinds.
// - Work-saving only: the memoized rows' comparator (sameRow, sameTree), the trace store's
//   one-flush-per-frame flag and its early return, the listeners view's unchanged-state check.
// - Attributes no test reads: titles and aria-controls ids, the host element's data attribute.
// - Focus moves and the requestAnimationFrame fallback, which jsdom cannot show; the browser
//   test (tests/e2e) covers focus.

// One more mutant is neither killed nor survived: `if (subscriber.unthrown !== null)` made true
// in use-event.ts's unmount microtask throws there, which crashes the test runner. Stryker
// counts it as an error, outside both scores.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: {
    // vite.config.ts's three projects (core, react19, react18) without the type tests and the
    // churn test. Stryker tells tests apart by file and name only, so a React test that covers
    // a mutant runs on both React versions: a mutant either of them kills counts as killed.
    configFile: 'vitest.mutation.config.ts',
  },
  mutate: ['src/**/*.{ts,tsx}'],
  coverageAnalysis: 'perTest',
  // Two workers for two cores: each runs one vitest with one test thread.
  concurrency: 2,
  // A timed-out mutant counts as killed, and a surviving core mutant runs the whole React
  // suite on both React versions: some 40 s on a quiet machine, more than 100 s on a busy one.
  // So the time limit is generous; endless loops are still stopped by Stryker's hit limit, and
  // promises that never settle by vitest's test timeout.
  timeoutMS: 180000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: 80 },
  // What the sandbox copy leaves out: builds, and apps and suites with a config of their own.
  // (Stryker links every node_modules into the sandbox, tests/react18's React 18 too.)
  ignorePatterns: ['/dist', '/examples', '/bench', '/tests/e2e', '/tests/package'],
  // The sandbox, a copy of the repo with the mutants in; removed after every run, failed ones
  // too, so that no half-run copy is left for eslint or vitest to find.
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
}
