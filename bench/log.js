'use strict'

// What the bench scripts print besides their tables: progress on stderr,
// and the last lines of a child process that failed, for its `{ error }`.

const progress = (message) => process.stderr.write(`${message}\n`)

function failure (result) {
  if (result.error) return result.error.message
  const lines = String(result.stderr || '').trim().split('\n')
  return lines.slice(-3).join(' / ') || `exit code ${result.status}`
}

module.exports = { progress, failure }
