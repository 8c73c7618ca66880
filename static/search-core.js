// The search core: folding, cutting text into terms, ranking and highlighting, with no DOM, so the
// ranking tests run it in node. `search.js` (the search box, on every page) imports it on first use,
// with the index, so a page that is only read never loads it. The index is built by `httpref build`
// (src/render/search/mod.rs documents the format).

const STOP_WORDS = new Set(["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "in", "is", "it", "its", "of", "on", "or", "that", "the", "this", "to"]);
// Score of a match by the field it is in: code number, name, summary or headings, body. A code
// number outranks everything when the query is that number. Among words it is worth one name and a
// half: the code's own page beats a page with one other word in its name and the number in its text
// ("429 error"), and a page naming two typed numbers ("401 vs 403" for "401 403") beats both codes.
const TIER_WEIGHT = [1000, 100, 10, 1];
const WORD_TIER_WEIGHT = [150, 100, 10, 1];

/** Removes plural endings exactly as the index builder does (`stem` in src/render/search/mod.rs). */
export function stem(word) {
  if ([...word].length <= 3 || /^[0-9]+$/.test(word)) return word;
  if (word.endsWith("ies")) return word.slice(0, -3) + "y";
  for (const suffix of ["sses", "xes", "zes", "ches", "shes"]) {
    if (word.endsWith(suffix)) return word.slice(0, -2);
  }
  if (word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is")) return word.slice(0, -1);
  return word;
}

// Han and kana, after folding: written without spaces, so indexed as pairs of characters (`is_cjk`
// in src/render/search/mod.rs has the same ranges).
const CJK = /[\u3005-\u3007\u3040-\u30FF\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u{20000}-\u{2FFFF}]/u;
const CJK_RUNS = /([\u3005-\u3007\u3040-\u30FF\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u{20000}-\u{2FFFF}]+)/u;
const SMALL_KANA = { ぁ: "あ", ぃ: "い", ぅ: "う", ぇ: "え", ぉ: "お", っ: "つ", ゃ: "や", ゅ: "ゆ", ょ: "よ", ゎ: "わ", ゕ: "か", ゖ: "け" };

/** Kana written one way: katakana as hiragana, small kana full-size, no long-vowel mark
 * (`fold_kana` in src/render/search/mod.rs). */
function foldKana(text) {
  if (!/[\u3040-\u30FF]/u.test(text)) return text;
  let out = "";
  for (const ch of text) {
    let c = ch.codePointAt(0);
    if (c === 0x30fc) continue;
    if (c >= 0x30a1 && c <= 0x30f6) c -= 0x60;
    const folded = String.fromCodePoint(c);
    out += SMALL_KANA[folded] ?? folded;
  }
  return out;
}

/** Lower case without accents ("Autorización" → "autorizacion"), full-width and half-width forms
 * made plain, kana in one form ("ティーポット" → "ていぽつと"), as the index builder folds its terms
 * (`fold` in src/render/search/mod.rs). The kana voicing marks stay. */
export function fold(text) {
  const plain = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, (mark) => (mark === "\u3099" || mark === "\u309A" ? mark : ""))
    .normalize("NFC")
    .toLowerCase();
  return foldKana(plain);
}

/** A run of Han or kana as index terms: each pair of neighbouring characters, or the one
 * character (`bigrams` in src/render/search/mod.rs). */
export function bigrams(run) {
  const chars = [...run];
  if (chars.length < 2) return [run];
  return chars.slice(1).map((c, i) => chars[i] + c);
}

const isCjkRun = (word) => CJK.test(word);

/** Query words as typed: lower-case letters and digits, accents folded, no stop words, plurals
 * kept; a run of Han or kana is one word here, cut where the script changes (`http通信` → `http`,
 * `通信`). */
function words(text) {
  const out = [];
  for (const piece of fold(text).split(/[^\p{L}\p{N}]+/u)) {
    for (const run of piece.split(CJK_RUNS)) {
      if (!run) continue;
      if (isCjkRun(run) || ([...run].length > 1 && !STOP_WORDS.has(run) && (!/^[0-9]+$/.test(run) || run.length >= 3))) out.push(run);
    }
  }
  return out;
}

/** Query words as index terms: lower-case letters and digits, no stop words, plurals removed, runs
 * of Han and kana as pairs of characters. */
export function tokenize(text) {
  return words(text).flatMap((w) => (isCjkRun(w) ? bigrams(w) : [stem(w)]));
}

/** Hyphenated or dotted query words, and each pair of neighbouring words, written as one
 * (`Retry-After` and `retry after` → `retryafter`), as the index writes header field names and
 * library constants (`compact` in src/render/search/documents.rs). */
function compounds(text) {
  const spaced = fold(text).split(/\s+/).filter(Boolean);
  const joined = spaced.filter((w) => /[\p{L}\p{N}][^\p{L}\p{N}]+[\p{L}\p{N}]/u.test(w));
  for (let i = 0; i + 1 < spaced.length; i++) joined.push(spaced[i] + spaced[i + 1]);
  return joined.map((w) => w.replace(/[^\p{L}\p{N}]+/gu, ""));
}

/** Edit distance with transpositions, giving up as soon as it must exceed `max`. */
function editDistance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2 = null;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length];
}

/** Decodes the index file's JSON (format version 1) and returns a searcher. */
export function createSearch(raw) {
  if (!raw || raw.v !== 1) throw new Error("unsupported search index version");
  const docs = raw.docs.map(([title, url, kind, code, cls, summary]) => ({ title, url, kind, code, cls, summary, english: false }));
  // In a translation's index, the entries it lacks: their pages are English.
  for (const i of raw.english || []) docs[i].english = true;
  const terms = [];
  let previous = "";
  for (const entry of raw.terms.split(" ")) {
    const shared = parseInt(entry[0], 36);
    previous = previous.slice(0, shared) + entry.slice(1);
    terms.push(previous);
  }
  const termIndex = new Map(terms.map((t, i) => [t, i]));
  const postingLists = raw.postings.split(";");
  const tierLists = raw.tiers.split(" ");
  const decoded = new Map();
  const common = new Set(raw.common);
  const ranges = raw.ranges;
  // Kinds rank in the order the index lists them (the route table's search rank).
  const kindRank = new Map((raw.kinds || []).map((kind, i) => [kind, i]));
  const rank = (kind) => kindRank.get(kind) ?? kindRank.size;
  const byCode = new Map(docs.filter((d) => d.kind === "code").map((d, i) => [String(d.code), d]));

  const titleCache = new Map();
  /** A document's title as index terms joined by spaces, computed once. */
  function titleTerms(i) {
    let t = titleCache.get(i);
    if (t === undefined) {
      t = tokenize(docs[i].title).join(" ");
      titleCache.set(i, t);
    }
    return t;
  }

  /** [[docIndex, tier], ...] for the term at `i`, decoded once. */
  function postings(i) {
    let list = decoded.get(i);
    if (!list) {
      let doc = 0;
      const tiers = tierLists[i];
      list = postingLists[i].split(",").map((gap, k) => [(doc += parseInt(gap, 36)), tiers.charCodeAt(k) - 48]);
      decoded.set(i, list);
    }
    return list;
  }

  /** Index terms a query word can stand for, each with a match quality. The last word may be
   * unfinished: terms starting with it as typed (`typed`, before plurals are removed, so "cors"
   * does not widen to every term starting "cor") count too. */
  function candidates(word, isLast, typed) {
    const found = [];
    const exact = termIndex.get(word);
    if (exact !== undefined) found.push([exact, 1]);
    if (isCjkRun(word)) {
      // One character finds the pairs that start with it; pairs match only exactly (no typos).
      if ([...word].length === 1) terms.forEach((term, i) => i !== exact && term.startsWith(word) && found.push([i, 0.8]));
      return found;
    }
    const long = word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0;
    for (let i = 0; i < terms.length; i++) {
      if (i === exact) continue;
      const term = terms[i];
      if (isLast && typed.length >= 2 && term.startsWith(typed)) {
        found.push([i, 0.8]);
      } else if (long && term[0] === word[0]) {
        const d = editDistance(word, term, long);
        if (d <= long) found.push([i, d === 1 ? 0.6 : 0.45]);
      }
    }
    return found;
  }

  function compare(a, b) {
    return (
      (b.matched || 0) - (a.matched || 0) ||
      b.score - a.score ||
      rank(a.doc.kind) - rank(b.doc.kind) ||
      a.doc.code - b.doc.code ||
      (a.doc.title < b.doc.title ? -1 : a.doc.title > b.doc.title ? 1 : 0)
    );
  }

  /**
   * Answers `query`. `cls` (1-5) keeps one class. Returns the ranked results (each with the terms
   * it matched, for highlighting), and, for an unassigned three-digit number, its range.
   */
  function query(query, { cls = 0, limit = 10 } = {}) {
    const text = fold(query.trim());
    const hits = []; // { doc, i, score }
    const matchedOf = new Map(); // doc index -> () => matched terms (computed for shown results only)
    let unassigned = null;

    if (/^[0-9]{1,3}$/.test(text)) {
      // A number: the code itself, or every code starting with it, in order; then pages that
      // mention it.
      const seen = new Set();
      docs.forEach((d, i) => {
        if (d.kind === "code" && String(d.code).startsWith(text)) {
          hits.push({ doc: d, i, score: 1e6 - d.code });
          seen.add(i);
        }
      });
      if (text.length === 3 && !byCode.has(text)) {
        const n = Number(text);
        const range = ranges.find(([first, last]) => first <= n && n <= last);
        if (range) unassigned = { code: n, first: range[0], last: range[1], treatedAs: Math.floor(n / 100) * 100 };
      }
      const exact = termIndex.get(text);
      if (exact !== undefined) {
        for (const [i, tier] of postings(exact)) if (!seen.has(i)) hits.push({ doc: docs[i], i, score: TIER_WEIGHT[tier] });
      }
      for (const h of hits) matchedOf.set(h.i, () => [text]);
    } else {
      const typed = words(text);
      const stems = typed.map((w) => (isCjkRun(w) ? w : stem(w)));
      /** The best score each document gets for one term of the query, and the index term that gave it. */
      const scored = (word, isLast, typedWord) => {
        const best = new Map();
        const bestTerm = new Map();
        for (const [ti, quality] of candidates(word, isLast, typedWord)) {
          for (const [i, tier] of postings(ti)) {
            const score = quality * WORD_TIER_WEIGHT[tier];
            const previous = best.get(i);
            if (previous === undefined || previous < score) {
              best.set(i, score);
              bestTerm.set(i, ti);
            }
          }
        }
        return { best, bestTerm };
      };
      // Per word: the best score each document gets for it, and the terms that gave it.
      const perWord = stems.map((word, w) => {
        if (!isCjkRun(word)) {
          const { best, bestTerm } = scored(word, w === stems.length - 1, typed[w]);
          return { best, termsOf: (i) => [bestTerm.get(i)], required: !common.has(word) };
        }
        // A run of Han or kana: its character pairs. A document needs at least half of them (a
        // particle or an inflection the page words differently may miss), and scores their mean,
        // so a page naming the whole run outranks one with a few of its pairs.
        const pairs = bigrams(word).map((pair) => scored(pair, false, pair));
        const best = new Map();
        const count = new Map();
        for (const pair of pairs) {
          for (const [i, score] of pair.best) {
            best.set(i, (best.get(i) || 0) + score);
            count.set(i, (count.get(i) || 0) + 1);
          }
        }
        const needed = Math.ceil(pairs.length / 2);
        for (const [i, n] of count) {
          if (n < needed) best.delete(i);
          else best.set(i, best.get(i) / pairs.length);
        }
        const termsOf = (i) => pairs.filter((p) => p.best.has(i)).map((p) => p.bestTerm.get(i));
        return { best, termsOf, required: !bigrams(word).every((pair) => common.has(pair)) };
      });
      const required = perWord.filter((p) => p.required);
      // Walk the documents of the rarest required word (or, with only common words, of all).
      let driving;
      if (required.length) {
        driving = required.reduce((a, b) => (b.best.size < a.best.size ? b : a)).best.keys();
      } else {
        const union = new Set();
        for (const p of perWord) for (const i of p.best.keys()) union.add(i);
        driving = union.values();
      }
      const phrase = tokenize(text).join(" ");
      // A compound typed whole (`retry-after`) is worth three times its tier to the pages that
      // name it: 429 and 503 send Retry-After, 449 "Retry With" only has both words.
      const compound = new Map();
      for (const whole of compounds(text)) {
        const ti = termIndex.get(whole);
        if (ti !== undefined) for (const [i, tier] of postings(ti)) compound.set(i, Math.max(compound.get(i) || 0, 3 * WORD_TIER_WEIGHT[tier]));
      }
      for (const i of driving) {
        if (required.some((p) => !p.best.has(i))) continue;
        let score = compound.get(i) || 0;
        let matched = 0;
        let words = 0;
        for (const p of perWord) {
          score += p.best.get(i) || 0;
          if (!p.best.has(i)) continue;
          words += 1;
          // Words too common to index in bodies ("error") count to the score, not to the rank by
          // words matched: a page may well have them in text the index dropped.
          if (p.required) matched += 1;
        }
        // Whole-query matches in the title rank above scattered words.
        if (stems.length > 1 && titleTerms(i).includes(phrase)) score += 500;
        hits.push({ doc: docs[i], i, score, matched, words });
      }
      if (stems.length > 1 && hits.length) {
        // Pages with the most words come first (the sort); the weak tail goes: a page with fewer
        // words scoring under a twentieth of the best (a word deep in its body) is noise.
        const most = Math.max(...hits.map((h) => h.words));
        const top = Math.max(...hits.filter((h) => h.words === most).map((h) => h.score));
        hits.splice(0, hits.length, ...hits.filter((h) => h.words === most || h.score >= top / 20));
      }
      const matched = (i) => perWord.filter((p) => p.best.has(i)).flatMap((p) => p.termsOf(i).map((ti) => terms[ti]));
      for (const h of hits) matchedOf.set(h.i, () => matched(h.i));
    }

    const kept = cls ? hits.filter((h) => h.doc.cls === cls) : hits;
    kept.sort(compare);
    const results = kept.slice(0, limit).map((h) => ({ doc: h.doc, score: h.score, matched: new Set(matchedOf.get(h.i)()) }));
    return { total: kept.length, results, unassigned };
  }

  return { query, documents: docs.length };
}

/** Splits `text` into [part, highlighted?] pieces, marking words whose stem a result matched, and
 * in runs of Han and kana the characters a matched pair covers. */
export function highlight(text, matched) {
  const stems = [...matched];
  const pairs = stems.filter(isCjkRun);
  const pieces = [];
  for (const part of text.split(/([\p{L}\p{N}]+)/u)) {
    if (!part) continue;
    if (pairs.length && isCjkRun(fold(part))) {
      pieces.push(...highlightRun(part, pairs));
      continue;
    }
    const word = stem(fold(part));
    const hit = /[\p{L}\p{N}]/u.test(part) && stems.some((m) => word === m || (m.length >= 2 && word.startsWith(m)) || (word.length >= 3 && m.startsWith(word) && m.length - word.length <= 2));
    pieces.push([part, hit]);
  }
  return pieces;
}

/** `highlight` for a word with Han or kana in it: each character folded on its own, then the
 * characters under any matched pair marked; consecutive characters alike are one piece. */
function highlightRun(part, pairs) {
  const chars = [...part];
  const folded = chars.map((c) => fold(c));
  const hit = chars.map(() => false);
  for (let start = 0; start < chars.length; start++) {
    // The folded text from `start`, skipping characters that fold to nothing (the long-vowel mark).
    let seen = "";
    for (let end = start; end < chars.length && [...seen].length < 2; end++) {
      seen += folded[end];
      if ([...seen].length >= 2 && pairs.some((p) => seen.startsWith(p))) {
        for (let k = start; k <= end; k++) hit[k] = true;
      }
    }
    if (pairs.some((p) => [...p].length === 1 && folded[start] === p)) hit[start] = true;
  }
  const pieces = [];
  chars.forEach((c, k) => {
    const last = pieces[pieces.length - 1];
    if (last && last[1] === hit[k]) last[0] += c;
    else pieces.push([c, hit[k]]);
  });
  return pieces;
}

