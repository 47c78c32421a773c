import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  // This app lives inside the busway repository, whose own lockfile would otherwise make Next
  // take the repository as the app's root.
  outputFileTracingRoot: __dirname,
  // The repository's ESLint setup lints this app's sources; `next build` need not run it again.
  eslint: { ignoreDuringBuilds: true },
}

export default nextConfig
