// The panel's styles. They live in the panel's shadow root: the app's CSS does not reach the
// panel (`all: initial` also stops inherited properties at the host), and these rules do not
// reach the app.
export const styles = `
:host { all: initial; }
.root {
  --bg: #ffffff; --bg-alt: #f5f6f8; --fg: #1d2026; --muted: #5f6673; --border: #d9dce1;
  --accent: #3155d6; --accent-fg: #ffffff; --string: #0a7d3b; --number: #a2470f; --error: #c62828; --error-bg: #fdecea; --focus: #e8590c; --badge-error: #c62828;
  --shadow: 0 8px 30px rgba(0, 0, 0, 0.18);
  color-scheme: light;
  position: fixed; z-index: 2147483000; display: flex; flex-direction: column; gap: 8px;
  font: 12px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
}
.root[data-scheme="dark"] {
  --bg: #1b1e24; --bg-alt: #242831; --fg: #e6e8ec; --muted: #9aa1ad; --border: #3a3f4a;
  --accent: #7b9bff; --accent-fg: #0d1020; --string: #7ee2a0; --number: #ffb074; --error: #ff6b6b; --error-bg: #3a1f22; --focus: #ffa94d; --badge-error: #c62828;
  --shadow: 0 8px 30px rgba(0, 0, 0, 0.55);
  color-scheme: dark;
}
@media (prefers-color-scheme: dark) {
  .root[data-scheme="system"] {
    --bg: #1b1e24; --bg-alt: #242831; --fg: #e6e8ec; --muted: #9aa1ad; --border: #3a3f4a;
    --accent: #7b9bff; --accent-fg: #0d1020; --string: #7ee2a0; --number: #ffb074; --error: #ff6b6b; --error-bg: #3a1f22; --focus: #ffa94d; --badge-error: #c62828;
    --shadow: 0 8px 30px rgba(0, 0, 0, 0.55);
    color-scheme: dark;
  }
}
.root.bottom-right { right: 12px; bottom: 12px; align-items: flex-end; flex-direction: column-reverse; }
.root.bottom-left { left: 12px; bottom: 12px; align-items: flex-start; flex-direction: column-reverse; }
.root.top-right { right: 12px; top: 12px; align-items: flex-end; }
.root.top-left { left: 12px; top: 12px; align-items: flex-start; }
*, *::before, *::after { box-sizing: border-box; }
button, input, select { font: inherit; color: inherit; }
:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.toggle {
  display: inline-flex; align-items: center; gap: 6px; padding: 5px 10px; cursor: pointer;
  border: 1px solid var(--border); border-radius: 999px; background: var(--bg); color: var(--fg);
  box-shadow: var(--shadow); font-weight: 600;
}
.badge { min-width: 18px; padding: 0 5px; border-radius: 999px; background: var(--bg-alt); color: var(--muted); font-weight: 500; text-align: center; }
.badge.failed { background: var(--badge-error); color: #fff; }
.panel {
  display: flex; flex-direction: column; width: min(760px, calc(100vw - 24px)); height: min(480px, calc(100vh - 70px));
  background: var(--bg); border: 1px solid var(--border); border-radius: 10px; box-shadow: var(--shadow); overflow: hidden;
}
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 8px; border-bottom: 1px solid var(--border); background: var(--bg-alt); }
.title { font-weight: 700; margin-right: 4px; }
.tabs { display: inline-flex; gap: 2px; padding: 2px; border: 1px solid var(--border); border-radius: 7px; }
.tabs button { border: 0; border-radius: 5px; background: transparent; padding: 2px 9px; cursor: pointer; }
.tabs button[aria-selected="true"] { background: var(--accent); color: var(--accent-fg); }
.bar input, .bar select { padding: 3px 6px; border: 1px solid var(--border); border-radius: 6px; background: var(--bg); min-width: 0; }
.bar input { flex: 1 1 120px; }
.bar .action { padding: 3px 9px; border: 1px solid var(--border); border-radius: 6px; background: var(--bg); cursor: pointer; }
.bar .action.active { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); }
.status { padding: 4px 10px; color: var(--muted); border-bottom: 1px solid var(--border); }
.body { flex: 1; overflow: auto; }
.empty { padding: 24px; text-align: center; color: var(--muted); }
ol { list-style: none; margin: 0; padding: 0; }
.nested { margin-left: 18px; border-left: 2px solid var(--border); }
.event > details > summary {
  display: grid; align-items: baseline; gap: 8px; padding: 4px 10px 4px 22px; position: relative;
  grid-template-columns: 3.5em 6.6em minmax(6em, 11em) minmax(0, 1fr) 5.6em 4.6em 4.6em;
  cursor: pointer; border-bottom: 1px solid var(--border); list-style: none;
}
.event > details > summary::-webkit-details-marker { display: none; }
.event > details > summary::before { content: "▸"; position: absolute; left: 8px; color: var(--muted); }
.event > details[open] > summary::before { content: "▾"; }
.event > details > summary:focus-visible { outline-offset: -2px; }
.event > details > summary:hover { background: var(--bg-alt); }
.event.context > details > summary { opacity: 0.72; }
.id { color: var(--muted); font-variant-numeric: tabular-nums; }
.handlers, .duration, .errors { text-align: right; }
.type { overflow: hidden; text-overflow: ellipsis; }
@media (max-width: 560px) {
  .event > details > summary {
    grid-template-columns: max-content minmax(0, 1fr) auto auto;
    grid-template-areas: "id type handlers errors" "time preview preview duration";
  }
  .id { grid-area: id; } .type { grid-area: type; } .handlers { grid-area: handlers; } .errors { grid-area: errors; }
  .time { grid-area: time; } .preview { grid-area: preview; } .duration { grid-area: duration; }
}
.event.failed > details > summary { background: var(--error-bg); }
.time, .duration, .handlers { color: var(--muted); font-variant-numeric: tabular-nums; white-space: nowrap; }
.type { font-weight: 600; white-space: nowrap; }
.preview { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.errors { color: var(--error); font-weight: 700; white-space: nowrap; }
.detail { padding: 6px 10px 8px 28px; border-bottom: 1px solid var(--border); display: grid; gap: 4px; }
.detail .label { color: var(--muted); }
.error-line { color: var(--error); font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
.leaf .value.string { white-space: pre-wrap; overflow-wrap: anywhere; }
.crashed { padding: 8px 10px; background: var(--bg); border: 1px solid var(--error); border-radius: 8px; color: var(--error); box-shadow: var(--shadow); }
.tree, .tree details, .leaf { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.tree summary { cursor: pointer; }
.children { margin-left: 16px; }
.key { color: var(--accent); }
.value.string { color: var(--string); }
.value.number, .value.bigint, .value.boolean { color: var(--number); }
.value.undefined, .value.null, .more { color: var(--muted); }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid var(--border); }
th { color: var(--muted); font-weight: 600; background: var(--bg-alt); position: sticky; top: 0; }
tfoot td { font-weight: 600; border-top: 2px solid var(--border); }
td.count, th.count { text-align: right; font-variant-numeric: tabular-nums; }
`
