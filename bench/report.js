'use strict'

// The output of `npm run bench`: the tables as text for stdout and as
// Markdown for bench/RESULTS.md, and the ratio chart bench/ratios.svg.
// Every table is built once as rows of cells, then laid out either way.

const MB = 1 << 20

// ops/s with three significant digits: the run-to-run noise (a few %)
// makes more digits meaningless.
function ops (n) {
  if (n === null || n === undefined) return 'n/a'
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`
  if (n >= 1e5) return `${Math.round(n / 1e3)}k`
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}k`
  return Math.round(n).toLocaleString('en-US')
}

const times = (x) => `${x.toFixed(2)}x`
const mark = (met) => met ? '✓' : '✗'
const mb = (bytes) => `${(bytes / MB).toFixed(1)} MB`
const signedMb = (bytes) => `${bytes >= 0 ? '+' : '-'}${mb(Math.abs(bytes))}`

// --- tables as data ---------------------------------------------------

function mainTable (summary) {
  const withRaw = !summary.raw.error
  const headers = ['operation', ...summary.libraries.map((lib) => lib.short), 'best peer', 'ratio', 'target', 'met']
  if (withRaw) headers.push('vs raw')
  const rows = summary.rows.map((row) => {
    const cells = [row.name, ...summary.libraries.map((lib) => row.failed[lib.name] ? 'FAIL' : ops(row.rates[lib.name]))]
    cells.push(row.best ? `${row.best.short} ${ops(row.best.ops)}` : 'n/a')
    cells.push(row.ratio === null ? 'n/a' : times(row.ratio))
    cells.push(row.target ? `≥${times(row.target)}` : '')
    cells.push(row.target && row.ratio !== null ? mark(row.ratio >= row.target) : '')
    if (withRaw) cells.push(vsRawCell(row))
    return cells
  })
  return { headers, rows }
}

// jose 6's API: jose-native/v6, jose 6 and jose-native's 1.x API, and
// v6's ratio to each with its target.
const V6_COLUMNS = ['jose-native/v6', 'jose6', 'jose-native']

// A row whose jose-native/v6 API is not there yet shows "not yet" and its
// targets, with nothing timed.
function v6Table (result) {
  const headers = ['operation', 'jose-native/v6', 'jose@6', 'jose-native 1.x', 'vs jose@6', 'target', 'met', 'vs 1.x', 'target', 'met']
  const rows = result.rows.map((row) => {
    const rate = (name, i) => row.notYet ? (i === 0 ? 'not yet' : '') : row.failed[name] ? 'FAIL' : ops(row.rates[name])
    const ratio = (value, target) => [
      row.notYet ? '' : value === null ? 'n/a' : times(value),
      target ? `≥${times(target)}` : '',
      target && value !== null ? mark(value >= target) : ''
    ]
    return [row.name, ...V6_COLUMNS.map(rate), ...ratio(row.vsJose6, row.vsJose6Target), ...ratio(row.vs1x, row.vs1xTarget)]
  })
  return { headers, rows }
}

function vsRawCell (row) {
  if (row.vsRaw === null) return ''
  const value = row.vsRaw.toFixed(2)
  return row.vsRawTarget ? `${value} ${mark(row.vsRaw >= row.vsRawTarget)}` : value
}

function rawTable (raw) {
  return {
    headers: ['primitive', 'ops/s'],
    rows: Object.entries(raw.rates).map(([name, rate]) => [name, ops(rate)])
  }
}

function asyncTable (result) {
  const rows = result.rows.map((row) => [
    row.name, ops(row.sync), ops(row.async), times(row.ratio),
    row.target ? `≥${times(row.target)}` : '', row.target ? mark(row.ratio >= row.target) : ''
  ])
  if (result.peer) rows.push([result.peer.name, '', ops(result.peer.async), '', '', ''])
  return { headers: ['operation', 'sync loop', `async, ${result.inFlight} in flight`, 'ratio', 'target', 'met'], rows }
}

function memoryTable (result, target) {
  const row = (what, base, end, growth, limit) =>
    [what, mb(base), mb(end), signedMb(growth), `<${limit} MB`, mark(growth < limit * MB)]
  return {
    headers: ['', `after ${result.warmup.toLocaleString('en-US')} warm-up`, 'at the end', 'growth', 'target', 'met'],
    rows: [
      row('V8 heap used', result.baseline.heapUsed, result.end.heapUsed, result.heapGrowth, target.heapGrowthMB),
      row('RSS', result.baseline.rss, result.end.rss, result.rssGrowth, target.rssGrowthMB)
    ]
  }
}

// --- layout -----------------------------------------------------------

// Text columns: the first left-aligned, the others right-aligned, as the
// numbers are. String length counts ✓ and ≥ as one column, as terminals do.
function text ({ headers, rows }) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells) => cells.map((c, i) => i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])).join('  ').trimEnd()
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

function markdown ({ headers, rows }) {
  const line = (cells) => `| ${cells.join(' | ')} |`
  return [line(headers), line(headers.map((_, i) => i === 0 ? '---' : '---:')), ...rows.map(line)].join('\n')
}

// --- sections ---------------------------------------------------------

function legend (summary) {
  const w = summary.meta.windows
  const names = summary.libraries.map((lib) => `${lib.short} = ${lib.package}@${lib.version}`).join(', ')
  const lines = [
    `libraries: ${names}.`,
    `ops/s of a synchronous loop, the best of ${w.slices} slices of a ${w.measureMs} ms window after a ${w.warmupMs} ms` +
      ' warm-up; the libraries take their slices in turns, so a slow spell of the machine falls on all of them alike;' +
      ' jose@6 (Promise-only) awaited one call at a time in the same loop.',
    'ratio = jose-native ÷ best peer.'
  ]
  for (const row of summary.rows) {
    for (const [name, message] of Object.entries(row.failed)) lines.push(`FAIL: ${row.name}, ${name}: ${message}`)
  }
  if (summary.raw.error) {
    lines.push(`no "vs raw" column: ${summary.raw.error}`)
  } else {
    lines.push('vs raw = jose-native ÷ the raw aws-lc-rs rate of the primitive it runs (target ≥0.80 on the JWT rows;' +
      ' for JWE, key management and AES-256-GCM with their times per op added).')
  }
  return lines
}

function v6Notes (result, summary, targets) {
  const jose6 = summary.libraries.find((lib) => lib.name === 'jose6')
  const notes = [
    `jose-native/v6 and jose@6 (${jose6 ? `jose@${jose6.version}` : 'jose 6'}) through jose 6's API, each call awaited before the next` +
      ' (SignJWT ... .sign, jwtVerify, CompactEncrypt ... .encrypt, compactDecrypt); keys imported once with each' +
      ' library\'s own importPKCS8 / importSPKI; the HS256 and dir secrets a Uint8Array for jose-native/v6 and a WebCrypto' +
      ' CryptoKey for jose@6 (its fast path).',
    'jose-native 1.x = the same operation through jose-native\'s 1.x API (JWT.sign / JWT.verify, JWE.encrypt / JWE.decrypt,' +
      ' keys from JWK.asKey), a synchronous loop as in the table above; the three take their slices in turns.',
    `vs jose@6 = jose-native/v6 ÷ jose@6; vs 1.x = jose-native/v6 ÷ jose-native 1.x (target ≥${times(targets.v6.vs1x)}:` +
      ' within 1.3x of the 1.x API\'s rate).'
  ]
  if (result.rows.some((row) => row.notYet)) {
    notes.push('not yet: jose-native/v6 has no CompactEncrypt / compactDecrypt yet; these rows are timed once it has.')
  }
  for (const row of result.rows) {
    for (const [name, message] of Object.entries(row.failed)) notes.push(`FAIL: ${row.name}, ${name}: ${message}`)
  }
  return notes
}

function asyncNotes (result) {
  const notes = [`UV_THREADPOOL_SIZE=${result.threadpool}, ${result.inFlight} Promises in flight; ratio = async ÷ sync loop, same process.`]
  const native = result.rows.find((row) => row.name === 'JWT RS256 sign')
  if (native && result.peer) {
    notes.push(`RS256 signAsync ÷ jose@6's RS256 sign, both ${result.inFlight} in flight: ${times(native.async / result.peer.async)}.`)
  }
  return notes
}

function memoryNotes (result, target) {
  return [
    `${result.ops.toLocaleString('en-US')} JWT.verify (HS256) in ${result.seconds.toFixed(1)} s, yielding to the event loop` +
      ` every ${result.batch.toLocaleString('en-US')} calls; readings after gc() and a turn of the loop` +
      ` (node --expose-gc --max-semi-space-size=1); max RSS during the run ${mb(result.maxRss)}.`,
    `Without yielding: RSS +${Math.round(result.noYield.bytesPerCall).toLocaleString('en-US')} bytes per call over` +
      ` ${result.noYield.calls.toLocaleString('en-US')} calls (N-API finalizers run only when the event loop turns).`,
    `Thresholds: heap growth <${target.heapGrowthMB} MB, RSS growth <${target.rssGrowthMB} MB (see bench/targets.js for why).`
  ]
}

const V6_TITLE = 'jose 6\'s API (jose-native/v6), ops/s'

// Each section: its title, its table (or the reason it is missing) and
// its notes, for either layout.
function sections (summary, targets) {
  const list = [{ title: 'JWT and JWE, ops/s', table: mainTable(summary), notes: legend(summary) }]
  list.push(summary.v6.error
    ? { title: V6_TITLE, notes: [summary.v6.error] }
    : { title: V6_TITLE, table: v6Table(summary.v6), notes: v6Notes(summary.v6, summary, targets) })
  if (!summary.raw.error) {
    list.push({
      title: 'Raw aws-lc-rs, ops/s',
      table: rawTable(summary.raw),
      notes: [`bench/raw.rs on one core, best of ${summary.meta.windows.slices} slices as above, over ${summary.raw.messageLen}-byte messages (the JWT rows' signing input); the vs raw column takes the rates measured in turns with each row; cargo build of the example ${summary.raw.buildSeconds.toFixed(1)} s this run.`]
    })
  }
  list.push(summary.async.error
    ? { title: 'Async scaling (jose-native)', notes: [summary.async.error] }
    : { title: 'Async scaling (jose-native)', table: asyncTable(summary.async), notes: asyncNotes(summary.async) })
  list.push(summary.memory.error
    ? { title: 'Memory', notes: [summary.memory.error] }
    : { title: 'Memory', table: memoryTable(summary.memory, targets.memory), notes: memoryNotes(summary.memory, targets.memory) })
  return list
}

function machine (meta) {
  return `${meta.cpu}, ${meta.cores} cores, ${meta.os}; Node.js ${meta.node}; ` +
    `load average ${meta.load} at the start, ${meta.loadEnd} at the end`
}

function toText (summary, targets) {
  const { meta } = summary
  const head = `jose-native bench, ${meta.date}${meta.quick ? ' (--quick)' : ''}\n${machine(meta)}\n\n`
  return head + sections(summary, targets).map((s) =>
    [`== ${s.title} ==`, ...(s.table ? [text(s.table)] : []), ...s.notes].join('\n')
  ).join('\n\n') + `\n\nwhole run: ${meta.seconds.toFixed(1)} s\n`
}

function toMarkdown (summary, targets) {
  const { meta } = summary
  const head = [
    '# jose-native benchmarks',
    '',
    `- date: ${meta.date}`,
    `- machine: ${machine(meta)}`,
    `- whole run: ${meta.seconds.toFixed(0)} s${meta.quick ? ', `--quick` windows' : ''}`,
    '',
    'Reproduce: `npm run bench` (options: `--quick` for shorter windows, `--filter <substring>` for matching rows only;',
    'filtered runs do not rewrite this file). Needs the addon built (`npm install`) and, for the raw column, cargo.',
    ''
  ]
  const body = sections(summary, targets).flatMap((s, i) => [
    `## ${s.title}`,
    '',
    ...(s.table ? [markdown(s.table), ''] : []),
    ...s.notes.map((note) => `- ${note}`),
    '',
    ...(i === 0 ? ['![jose-native ÷ best peer](ratios.svg)', ''] : [])
  ])
  return [...head, ...body].join('\n')
}

// The v6 table for the README: jose-native/v6's rate and its two ratios.
function v6Summary (result, targets) {
  const withMark = (value, target) => value === null ? 'n/a' : `${times(value)}${target ? ` ${mark(value >= target)}` : ''}`
  return {
    headers: ['operation', 'jose-native/v6', 'jose@6', 'vs jose@6', 'target', `vs 1.x (≥${times(targets.v6.vs1x)})`],
    rows: result.rows.map((row) => row.notYet
      ? [row.name, 'not yet', '', '', row.vsJose6Target ? `≥${times(row.vsJose6Target)}` : '', '']
      : [
          row.name,
          row.failed['jose-native/v6'] ? 'FAIL' : ops(row.rates['jose-native/v6']),
          row.failed.jose6 ? 'FAIL' : ops(row.rates.jose6),
          withMark(row.vsJose6, row.vsJose6Target),
          row.vsJose6Target ? `≥${times(row.vsJose6Target)}` : '',
          withMark(row.vs1x, row.vs1xTarget)
        ])
  }
}

// The README's summary: jose-native against the best peer per row, the
// chart, and one line each for async scaling and memory; RESULTS.md has
// every library's rate.
function readme (summary, targets) {
  const { meta } = summary
  const headers = ['operation', 'jose-native', 'best peer', 'ratio', 'target', 'vs raw (≥0.80)']
  const rows = summary.rows.map((row) => [
    row.name,
    ops(row.rates['jose-native']),
    row.best ? `${row.best.short} ${ops(row.best.ops)}` : 'n/a',
    row.ratio === null ? 'n/a' : `${times(row.ratio)}${row.target ? ` ${mark(row.ratio >= row.target)}` : ''}`,
    row.target ? `≥${times(row.target)}` : '',
    vsRawCell(row)
  ])
  const lines = [
    `ops/s, \`npm run bench\` on ${machine(meta)}, ${meta.date.slice(0, 10)}` +
      `${meta.quick ? ' (--quick)' : ''}. Peers: ${summary.libraries.slice(1).map((lib) => `${lib.package}@${lib.version}`).join(', ')}.`,
    '',
    markdown({ headers, rows }),
    '',
    '![jose-native ÷ best peer](bench/ratios.svg)',
    ''
  ]
  if (!summary.v6.error) {
    lines.push('jose 6\'s API (`jose-native/v6`, each call awaited) against jose 6, and against jose-native\'s 1.x API' +
      ' doing the same operation:', '', markdown(v6Summary(summary.v6, targets)), '')
  }
  const rs256 = !summary.async.error && summary.async.rows.find((row) => row.name === 'JWT RS256 sign')
  if (rs256) {
    lines.push(`- Async: \`JWT.signAsync\` RS256 with ${summary.async.inFlight} calls in flight does ${ops(rs256.async)} ops/s, ` +
      `${times(rs256.ratio)} the sync loop on ${meta.cores} cores (target ≥${times(targets.async['JWT RS256 sign'])}).`)
  }
  if (!summary.memory.error) {
    const m = summary.memory
    lines.push(`- Memory over ${m.ops.toLocaleString('en-US')} \`JWT.verify\` calls: heap ${signedMb(m.heapGrowth)}, RSS ${signedMb(m.rssGrowth)}.`)
  }
  lines.push('- Every library\'s rate, the raw aws-lc-rs rates and the method: [bench/RESULTS.md](bench/RESULTS.md).')
  return lines.join('\n')
}

// --- chart ------------------------------------------------------------

const escape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

// A horizontal bar per operation: jose-native ÷ best peer on a log2 axis,
// drawn from the 1.0x line, right when faster and left when slower (so
// 2x and 0.5x look equally far from parity, and a 16x JWE row does not
// squash the JWT rows). Green where the row's target is met, red where it
// is not, grey without a target; a black tick at the target. The values
// sit in their own column on the right, clear of bars and ticks.
function svg (summary) {
  const bars = summary.rows.filter((row) => row.ratio !== null)
  const values = bars.flatMap((row) => row.target ? [row.ratio, row.target] : [row.ratio])
  const lo = Math.min(-1, Math.floor(Math.log2(Math.min(...values))))
  const hi = Math.max(1, Math.ceil(Math.log2(Math.max(...values))))
  const width = 700
  const left = 250
  const right = width - 120
  const top = 44
  const rowHeight = 24
  const bottom = top + bars.length * rowHeight
  const height = bottom + 58
  const x = (value) => left + (right - left) * (Math.log2(value) - lo) / (hi - lo)
  const px = (value) => x(value).toFixed(1)
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      'font-family="-apple-system, Segoe UI, Helvetica, Arial, sans-serif" font-size="12">',
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">jose-native ÷ best peer (ops/s)</text>`
  ]
  for (let e = lo; e <= hi; e++) {
    const v = 2 ** e
    parts.push(
      `<line x1="${px(v)}" x2="${px(v)}" y1="${top - 4}" y2="${bottom + 4}" stroke="#e0e0e0"/>`,
      `<text x="${px(v)}" y="${bottom + 18}" text-anchor="middle" fill="#555555">${v >= 1 ? v : v.toFixed(e < -2 ? 3 : 2)}x</text>`
    )
  }
  bars.forEach((row, i) => {
    const y = top + i * rowHeight
    const colour = !row.target ? '#9e9e9e' : row.ratio >= row.target ? '#2e7d32' : '#c62828'
    const [from, to] = [x(1), x(row.ratio)].sort((a, b) => a - b)
    parts.push(
      `<text x="${left - 8}" y="${y + 16}" text-anchor="end">${escape(row.name)}</text>`,
      `<rect x="${from.toFixed(1)}" y="${y + 4}" width="${Math.max(1, to - from).toFixed(1)}" height="${rowHeight - 8}" fill="${colour}"/>`,
      `<text x="${width - 12}" y="${y + 16}" text-anchor="end">${times(row.ratio)}` +
        (row.target ? ` <tspan fill="#777777">(≥${times(row.target)})</tspan>` : '') + '</text>'
    )
    if (row.target) {
      parts.push(`<line x1="${px(row.target)}" x2="${px(row.target)}" y1="${y + 1}" y2="${y + rowHeight - 1}" stroke="#000000" stroke-width="2"/>`)
    }
  })
  parts.push(
    `<line x1="${px(1)}" x2="${px(1)}" y1="${top - 4}" y2="${bottom + 4}" stroke="#1565c0" stroke-width="1.5"/>`,
    `<text x="12" y="${height - 12}" fill="#555555">log scale; green: target met, red: missed, grey: no target; black tick: target</text>`,
    '</svg>'
  )
  return parts.join('\n') + '\n'
}

module.exports = { readme, toText, toMarkdown, svg }
