/**
 * The HTML report's inline stylesheet and script. Both are constants: the report's Content-Security-Policy allows
 * exactly these two by their SHA-256 hashes, so nothing else (and nothing a scanned repository smuggles in) can
 * run or style the page. The script reads only the DOM (data attributes and text) and toggles `hidden`: no data is
 * embedded as JSON, no HTML is parsed at run time.
 */

export const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1d2125;--muted:#5b636b;--line:#d9dee3;--panel:#f5f7f9;--code:#f0f2f4;--hl:#fff1c2;--mark:#ffd0cc;--link:#0b57d0;
--critical:#7b1fa2;--high:#c62828;--medium:#b26a00;--low:#1565c0;--info:#5b636b;--pass:#2e7d32;--warn:#b26a00;--fail:#c62828}
@media (prefers-color-scheme:dark){:root{--bg:#15181b;--fg:#e6e9ec;--muted:#a2abb3;--line:#33393f;--panel:#1d2125;--code:#1f2429;--hl:#4a3f12;--mark:#6b2a26;--link:#8ab4f8;
--critical:#ce93d8;--high:#ef9a9a;--medium:#ffcc80;--low:#90caf9;--info:#b0bec5;--pass:#a5d6a7;--warn:#ffcc80;--fail:#ef9a9a}}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1100px;margin:0 auto;padding:1.5rem 1rem 4rem}
h1{font-size:1.6rem;margin:0 0 .25rem}
h2{font-size:1.25rem;margin:2rem 0 .75rem;padding-bottom:.25rem;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem;margin:1.5rem 0 .5rem}
a{color:var(--link)}
code,pre,kbd{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.88em}
p code,li code,td code,summary code{background:var(--code);padding:0 .25em;border-radius:3px;overflow-wrap:anywhere}
.meta{color:var(--muted);margin:0}
.meta span+span::before{content:" · "}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:1rem}
.panel>h2:first-child{margin-top:0}
.scorecard .overall{display:flex;align-items:center;gap:1rem;margin-bottom:.75rem}
.grade{font-size:2.6rem;font-weight:700;line-height:1;min-width:3.2rem;text-align:center;padding:.4rem .5rem;border-radius:8px;border:2px solid currentColor}
h4 .grade{font-size:1rem;min-width:0;padding:0 .35rem;border-width:1px}
.grade-a{color:var(--pass)}.grade-b,.grade-c{color:var(--warn)}.grade-d,.grade-f{color:var(--fail)}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;color:var(--muted);font-size:.85rem}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
meter{width:7rem;vertical-align:middle}
.status{display:inline-block;font-weight:700;font-size:.78rem;text-transform:uppercase;letter-spacing:.03em;padding:.05rem .45rem;border-radius:999px;border:1px solid currentColor}
.status-pass{color:var(--pass)}.status-warn{color:var(--warn)}.status-fail{color:var(--fail)}
.badge{display:inline-block;min-width:4.6rem;text-align:center;font-weight:700;font-size:.74rem;text-transform:uppercase;letter-spacing:.03em;padding:.1rem .4rem;border-radius:4px;color:#fff}
.sev-critical{background:var(--critical)}.sev-high{background:var(--high)}.sev-medium{background:var(--medium)}.sev-low{background:var(--low)}.sev-info{background:var(--info)}
@media (prefers-color-scheme:dark){.badge{color:#15181b}}
.tag{display:inline-block;font-size:.75rem;color:var(--muted);border:1px solid var(--line);border-radius:4px;padding:0 .35rem}
.filters{position:sticky;top:0;z-index:1;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:center;background:var(--bg);border-bottom:1px solid var(--line);padding:.6rem 0;margin-top:1.5rem}
.filters fieldset{border:0;margin:0;padding:0;display:flex;gap:.6rem;align-items:center;flex-wrap:wrap}
.filters legend{float:left;margin-right:.4rem;color:var(--muted);font-size:.85rem}
.filters label{white-space:nowrap}
.filters input[type=search]{min-width:16rem;padding:.3rem .5rem;font:inherit;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
.filters select,.filters button{font:inherit;padding:.2rem .4rem;border:1px solid var(--line);border-radius:6px;background:var(--panel);color:var(--fg)}
#shown{color:var(--muted);margin-left:auto}
.finding{border:1px solid var(--line);border-left-width:4px;border-radius:6px;margin:.6rem 0;background:var(--bg)}
.finding[data-severity=critical]{border-left-color:var(--critical)}.finding[data-severity=high]{border-left-color:var(--high)}.finding[data-severity=medium]{border-left-color:var(--medium)}.finding[data-severity=low]{border-left-color:var(--low)}.finding[data-severity=info]{border-left-color:var(--info)}
.finding>summary{cursor:pointer;padding:.5rem .75rem;display:flex;gap:.6rem;align-items:baseline;flex-wrap:wrap}
.finding>summary .msg{flex:1 1 30rem;overflow-wrap:anywhere}
.finding>summary .where{color:var(--muted);font-size:.85rem;overflow-wrap:anywhere}
.finding .body{padding:0 .75rem .75rem}
.rule{font-weight:600}
.suppressed{opacity:.7}
pre.code{background:var(--code);border-radius:6px;padding:.5rem 0;overflow-x:auto;margin:.5rem 0}
pre.code .l{display:block;padding:0 .75rem;white-space:pre}
pre.code .l.hl{background:var(--hl)}
pre.code .n{display:inline-block;min-width:3.5ch;margin-right:1ch;text-align:right;color:var(--muted);user-select:none}
pre.code mark{background:var(--mark);color:inherit;border-radius:2px}
ol.trace{margin:.5rem 0;padding-left:1.5rem}
ol.trace li{margin:.15rem 0}
ol.trace .at{color:var(--muted)}
.fix{border-left:3px solid var(--pass);padding:.25rem .75rem;margin:.5rem 0;background:var(--panel)}
.commit{color:var(--muted)}
.errors li,.notices li{margin:.25rem 0;overflow-wrap:anywhere}
.site{margin-bottom:1rem}
.empty{color:var(--muted)}
footer{margin-top:3rem;color:var(--muted);font-size:.85rem}
@media print{.filters{display:none}.finding{break-inside:avoid}}
`;

export const SCRIPT = `
(function () {
  'use strict';
  var form = document.getElementById('filters');
  if (!form) return;
  var findings = Array.prototype.slice.call(document.querySelectorAll('.finding'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('.group'));
  var search = document.getElementById('search');
  var family = document.getElementById('family');
  var practice = document.getElementById('practice');
  var shown = document.getElementById('shown');
  var severityBoxes = Array.prototype.slice.call(form.querySelectorAll('input[name=severity]'));
  var texts = findings.map(function (el) { return (el.textContent || '').toLowerCase(); });
  function apply() {
    var severities = {};
    severityBoxes.forEach(function (box) { if (box.checked) severities[box.value] = true; });
    var words = search.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var count = 0;
    findings.forEach(function (el, i) {
      var ok = severities[el.getAttribute('data-severity')] === true &&
        (family.value === '' || el.getAttribute('data-family') === family.value) &&
        (practice.value === '' || el.getAttribute('data-practice') === practice.value) &&
        words.every(function (w) { return texts[i].indexOf(w) !== -1; });
      el.hidden = !ok;
      if (ok) count++;
    });
    groups.forEach(function (group) {
      group.hidden = group.querySelector('.finding:not([hidden])') === null;
    });
    shown.textContent = count + ' of ' + findings.length + ' findings shown';
  }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  document.getElementById('expand').addEventListener('click', function () {
    findings.forEach(function (el) { el.open = true; });
  });
  document.getElementById('collapse').addEventListener('click', function () {
    findings.forEach(function (el) { el.open = false; });
  });
  form.hidden = false;
  apply();
})();
`;
