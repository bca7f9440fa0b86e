// The report's behaviour: filter and sort the fact table, and go between a
// row, its mark in the text and its bar in a chart.  Everything it needs is
// in the page's elements (data-doc, data-fact, data-kind, data-metric,
// data-v), written by irmetrics/report.py; no text is read into code.
"use strict";
(() => {
  const table = document.getElementById("facts");
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);  // document order, kept for stable sorting
  const docs = document.getElementById("docs");
  const pick = {
    kind: document.getElementById("f-kind"),
    metric: document.getElementById("f-metric"),
    doc: document.getElementById("f-doc"),  // absent for one document
  };
  const count = document.getElementById("f-count");
  const NO_METRIC = "-";

  // "doc:fact" -> its mark, its row, its bar; built once.
  const key = (d, f) => d + ":" + f;
  const marks = new Map();
  const bars = new Map();
  for (const s of docs.querySelectorAll("section.doc")) {
    for (const m of s.querySelectorAll("mark[data-fact]")) marks.set(key(s.dataset.doc, m.dataset.fact), m);
    for (const b of s.querySelectorAll("rect[data-fact]")) bars.set(key(s.dataset.doc, b.dataset.fact), b);
  }
  const rowOf = new Map(rows.map((r) => [key(r.dataset.doc, r.dataset.fact), r]));

  function filter() {
    const k = pick.kind.value, m = pick.metric.value, d = pick.doc ? pick.doc.value : "";
    let shown = 0;
    for (const r of rows) {
      const ok = (!k || r.dataset.kind === k)
        && (!m || r.dataset.metric === (m === NO_METRIC ? "" : m))
        && (!d || r.dataset.doc === d);
      r.hidden = !ok;
      if (ok) shown += 1;
      const mark = marks.get(key(r.dataset.doc, r.dataset.fact));
      if (mark) mark.classList.toggle("dim", !ok);
    }
    for (const s of docs.querySelectorAll("section.doc")) s.hidden = Boolean(d) && s.dataset.doc !== d;
    count.textContent = shown === rows.length ? `${rows.length} facts` : `${shown} of ${rows.length} facts`;
  }
  for (const s of Object.values(pick)) if (s) s.addEventListener("change", filter);

  // Sorting: numbers by data-v, text by collation; empty cells last either way.
  const collator = new Intl.Collator(undefined, { numeric: true });
  let sortCol = -1, ascending = true;
  table.tHead.addEventListener("click", (e) => {
    const th = e.target.closest("th");
    if (!th) return;
    const col = th.cellIndex;
    ascending = col === sortCol ? !ascending : true;
    sortCol = col;
    const numeric = th.dataset.type === "num";
    const value = (r) => {
      const c = r.cells[col];
      if (numeric) return c.dataset.v === undefined ? null : Number(c.dataset.v);
      return c.textContent === "" ? null : c.textContent;
    };
    const sign = ascending ? 1 : -1;
    const keyed = rows.map((r, i) => [value(r), i, r]);
    keyed.sort((a, b) => {
      if (a[0] === null || b[0] === null) return (a[0] === null) - (b[0] === null) || a[1] - b[1];
      const c = numeric ? a[0] - b[0] : collator.compare(a[0], b[0]);
      return c * sign || a[1] - b[1];
    });
    body.append(...keyed.map((x) => x[2]));
    for (const h of table.tHead.rows[0].cells) h.removeAttribute("aria-sort");
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  });

  // Going to a fact: its mark, row and bar marked, and those not in sight
  // brought into it (not the one just clicked, which is).
  let current = [];
  function go(d, f, scrollMark, scrollRow) {
    for (const el of current) el.classList.remove("focus", "sel");
    const k = key(d, f);
    const mark = marks.get(k), row = rowOf.get(k), bar = bars.get(k);
    current = [mark, row, bar].filter(Boolean);
    if (mark) {
      mark.classList.add("focus");
      if (scrollMark) mark.scrollIntoView({ block: "center", inline: "nearest" });
    }
    if (row) {
      row.classList.add("sel");
      if (scrollRow && !row.hidden) row.scrollIntoView({ block: "nearest" });
    }
    if (bar) bar.classList.add("sel");
  }
  body.addEventListener("click", (e) => {
    const r = e.target.closest("tr");
    if (r) go(r.dataset.doc, r.dataset.fact, true, false);
  });
  body.addEventListener("keydown", (e) => {
    const r = e.target.closest("tr");
    if (r && e.key === "Enter") go(r.dataset.doc, r.dataset.fact, true, false);
  });
  docs.addEventListener("click", (e) => {
    const t = e.target.closest("[data-fact]");
    const s = t && t.closest("section.doc");
    if (s) go(s.dataset.doc, t.dataset.fact, t.tagName !== "MARK", true);
  });
})();
