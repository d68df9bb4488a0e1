// The review page's script (src/review/page.rs inlines it). It keeps the clerk's decisions in memory
// only (a file opened from disk shares its browser storage with every other file: no personal data is
// stored there) and exports them as a corrections file, faxtract.correction/1, by a Blob download.
(() => {
  'use strict';
  const data = JSON.parse(document.getElementById('review-data').textContent);
  const pageImages = JSON.parse(document.getElementById('page-images').textContent);
  const countries = new Set(data.countries);
  const offices = new Set(data.offices);
  const CAUSES = ['final_order', 'removal_proceedings', 'biometric', 'statements'];
  const items = [...document.querySelectorAll('.item')];
  const by = document.getElementById('by');
  const exportMsg = document.getElementById('export-msg');
  const progress = document.getElementById('progress');
  // Item index -> {value, note, at}: what the clerk decided.
  const decisions = new Map();
  let current = -1;

  // Whole pages are embedded once and shared by the items that show them.
  for (const img of document.querySelectorAll('img[data-page-image]')) {
    img.src = pageImages[img.dataset.pageImage] || '';
  }

  const pad = (n, w) => String(n).padStart(w, '0');
  const daysIn = (y, m) => [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];

  // Typed text -> {value} in the record's normalized form, or {error}. faxtract correct checks again.
  function parse(kind, text, nullable) {
    const t = text.trim().replace(/\s+/g, ' ');
    if (t === '' && nullable) return { value: null };
    if (t === '' && kind !== 'causes') return { error: 'a value is needed' };
    const up = t.toUpperCase();
    switch (kind) {
      case 'digits': {
        const d = up.replace(/[ -]/g, '');
        return /^[0-9]+$/.test(d) ? { value: d } : { error: 'digits only' };
      }
      case 'event': {
        const e = up.replace(/ /g, '');
        return /^[A-Z0-9]{6,}$/.test(e) ? { value: e } : { error: '6 or more letters and digits' };
      }
      case 'anumber': {
        const a = up.replace(/[ .-]/g, '').replace(/^A/, '');
        return /^[0-9]{7,9}$/.test(a) ? { value: 'A' + pad(a, 9) } : { error: 'A and 9 digits' };
      }
      case 'date': {
        let m = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$/.exec(t);
        let y, mo, d;
        if (m) [y, mo, d] = [+m[1], +m[2], +m[3]];
        else if ((m = /^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$/.exec(t))) [mo, d, y] = [+m[1], +m[2], +m[3]];
        else return { error: 'a date, MM/DD/YYYY or YYYY-MM-DD' };
        if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return { error: 'no such date' };
        return { value: `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}` };
      }
      case 'name': {
        const parts = up.replace(/[’]/g, "'").replace(/' /g, "'").split(',');
        if (parts.length !== 2) return { error: 'FAMILY, GIVEN: one comma' };
        const tidy = (s) => s.trim().replace(/^[.-]+|[.-]+$/g, '').trim();
        const [family, given] = parts.map(tidy);
        if (!/^[\p{L} '.-]+$/u.test(family + given)) return { error: 'letters, spaces, hyphens and apostrophes only' };
        const letters = (s) => (s.match(/\p{L}/gu) || []).length;
        if (letters(family) < 2 || letters(given) < 1) return { error: 'both the family and the given name' };
        return { value: `${family}, ${given}` };
      }
      case 'country':
        return countries.has(up) ? { value: up } : { error: 'a country of the list' };
      case 'sex': {
        const s = { M: 'M', MALE: 'M', F: 'F', FEMALE: 'F', X: 'X' }[up];
        return s ? { value: s } : { error: 'M, F or X' };
      }
      case 'office':
        return offices.has(up) ? { value: up } : { error: 'an office code of the list' };
      case 'bool': {
        if (['YES', 'Y', 'TRUE', 'X', 'TICKED'].includes(up)) return { value: true };
        if (['NO', 'N', 'FALSE', 'NOT TICKED'].includes(up)) return { value: false };
        return { error: 'yes or no' };
      }
      case 'causes': {
        const out = [];
        for (const w of t.split(/[ ,]+/).filter(Boolean)) {
          const c = /^[1-4]$/.test(w) ? CAUSES[+w - 1] : w.toLowerCase();
          if (!CAUSES.includes(c)) return { error: 'numbers 1-4 or ' + CAUSES.join(', ') };
          if (!out.includes(c)) out.push(c);
        }
        return { value: out };
      }
      default: {
        const w = { 'I-200': 'I-200', I200: 'I-200', 'I-205': 'I-205', I205: 'I-205', JUDICIAL: 'judicial', NONE: 'none' }[up];
        return w ? { value: w } : { error: 'I-200, I-205, judicial or none' };
      }
    }
  }

  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const input = (i) => items[i].querySelector('input.value');
  const note = (i) => items[i].querySelector('input.note');
  const typing = (el) => el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA');

  function showProgress() {
    progress.textContent = `${decisions.size} of ${items.length} fields decided.`;
  }

  function mark(i) {
    const it = items[i];
    const d = decisions.get(i);
    const state = !d ? '' : same(d.value, JSON.parse(it.dataset.current)) ? 'confirmed' : 'corrected';
    it.classList.remove('confirmed', 'corrected');
    if (state) it.classList.add(state);
    it.querySelector('.state').textContent = state || 'to check';
  }

  function go(i) {
    if (i < 0 || i >= items.length) return;
    if (current >= 0) items[current].classList.remove('current');
    current = i;
    items[i].classList.add('current');
    input(i).focus();
    input(i).select();
    items[i].scrollIntoView({ block: 'center' });
  }

  function nextPending(from) {
    for (let k = 1; k <= items.length; k++) {
      const j = (from + k) % items.length;
      if (!decisions.has(j)) return j;
    }
    return -1;
  }

  // Enter: the value as typed becomes the decision (confirmed when unchanged).
  function decide(i) {
    const it = items[i];
    const r = parse(it.dataset.kind, input(i).value, it.dataset.nullable === '1');
    const msg = it.querySelector('.msg');
    if (r.error) {
      msg.textContent = 'Not accepted: ' + r.error + '.';
      input(i).focus();
      return;
    }
    msg.textContent = '';
    decisions.set(i, { value: r.value, note: note(i).value.trim(), at: new Date().toISOString() });
    mark(i);
    showProgress();
    const j = nextPending(i);
    if (j >= 0) go(j);
    else exportMsg.textContent = 'Every field is decided: export the corrections (Ctrl+S).';
  }

  function undo(i) {
    decisions.delete(i);
    const cur = JSON.parse(items[i].dataset.current);
    input(i).value = cur === null ? '' : cur === true ? 'yes' : cur === false ? 'no' : Array.isArray(cur) ? cur.join(', ') : String(cur);
    items[i].querySelector('.msg').textContent = '';
    mark(i);
    showProgress();
  }

  function exportCorrections() {
    const initials = by.value.trim();
    if (!initials) {
      exportMsg.textContent = 'Type your initials first: every correction names who made it.';
      by.focus();
      return;
    }
    if (decisions.size === 0) {
      exportMsg.textContent = 'Nothing decided yet.';
      return;
    }
    const lines = [];
    for (const [i, d] of [...decisions.entries()].sort((a, b) => a[0] - b[0])) {
      const rec = items[i].closest('.record');
      lines.push(JSON.stringify({
        schema: 'faxtract.correction/1',
        source_sha256: rec.dataset.sha,
        pages: JSON.parse(rec.dataset.pages),
        field: items[i].dataset.field,
        value: d.value,
        by: initials,
        at: d.at,
        note: d.note || null,
      }));
    }
    const now = new Date();
    const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1, 2)}${pad(now.getDate(), 2)}-${pad(now.getHours(), 2)}${pad(now.getMinutes(), 2)}${pad(now.getSeconds(), 2)}`;
    const name = `corrections-${stamp}.jsonl`;
    const url = URL.createObjectURL(new Blob([lines.join('\n') + '\n'], { type: 'application/x-ndjson' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    exportMsg.textContent = `Exported ${lines.length} corrections as ${name}. Apply them with faxtract correct.`;
  }

  document.getElementById('export').addEventListener('click', exportCorrections);
  items.forEach((it, i) => it.addEventListener('focusin', () => {
    if (current !== i) {
      if (current >= 0) items[current].classList.remove('current');
      current = i;
      it.classList.add('current');
    }
  }));
  // One handler for every key, so that a key is acted on once (a handler on an input would run before
  // this one, which then sees the focus it moved).
  document.addEventListener('keydown', (e) => {
    const el = document.activeElement;
    const inItem = el && el.closest && el.closest('.item');
    const i = inItem ? items.indexOf(inItem) : current;
    if (el === by && e.key === 'Enter') {
      e.preventDefault();
      const j = nextPending(-1);
      if (by.value.trim() && j >= 0) go(j);
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      exportCorrections();
    } else if (e.altKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      go(Math.max(0, Math.min(items.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (inItem && e.key === 'Enter') {
      e.preventDefault();
      decide(i);
    } else if (inItem && e.key === 'Escape') {
      e.preventDefault();
      undo(i);
    } else if (!typing(el) && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const k = e.key;
      if (k === 'j' || k === 'k') go(Math.max(0, Math.min(items.length - 1, i + (k === 'j' ? 1 : -1))));
      else if (k === 'e') exportCorrections();
      else if (k === 'i') by.focus();
      else return;
      e.preventDefault();
    }
  });
  window.addEventListener('beforeunload', (e) => {
    if (decisions.size > 0 && !exportMsg.textContent.startsWith('Exported')) e.preventDefault();
  });
  showProgress();
  if (items.length) by.focus();
})();
