// The mutation score of each area of src/, from the JSON report of the last `stryker run`, each
// checked against its target: Stryker's own `thresholds` apply to a whole run only. Exits 1 when
// an area is below its target. Run by `npm run test:mutation` after Stryker.
import { readFileSync } from 'node:fs'

const report = JSON.parse(
  readFileSync(new URL('../../reports/mutation/mutation.json', import.meta.url), 'utf8'),
)

const areas = [
  { name: 'core', directory: 'src/core/', target: 90 },
  { name: 'react', directory: 'src/react/', target: 80 },
  { name: 'devtools', directory: 'src/devtools/', target: 85 },
]

// Stryker's formula: detected mutants (killed, or timed out) over those and the undetected ones
// (survived, or covered by no test). Mutants that did not compile, or were ignored, do not count.
const statuses = ['Killed', 'Timeout', 'Survived', 'NoCoverage']

let belowTarget = false
for (const { name, directory, target } of areas) {
  const counts = Object.fromEntries(statuses.map((status) => [status, 0]))
  for (const [file, { mutants }] of Object.entries(report.files)) {
    if (!file.replaceAll('\\', '/').includes(directory)) continue
    for (const { status } of mutants) {
      if (status in counts) counts[status]++
    }
  }
  const detected = counts.Killed + counts.Timeout
  const total = detected + counts.Survived + counts.NoCoverage
  if (total === 0) {
    console.log(`${name}: no mutants in ${directory}`)
    continue
  }
  const score = (100 * detected) / total
  console.log(
    `${name}: ${score.toFixed(2)}% (target ${target}%${score >= target ? '' : ', NOT MET'}): ` +
      `${counts.Killed} killed, ${counts.Timeout} timed out, ${counts.Survived} survived, ` +
      `${counts.NoCoverage} not covered`,
  )
  if (score < target) belowTarget = true
}
if (belowTarget) process.exitCode = 1
