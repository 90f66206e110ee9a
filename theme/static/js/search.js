// Belde search page: Pagefind's JS API, Turkish query folding, filters and query kept in the URL.
// Loaded only by ara/ (theme/templates/search.html). The index is built by belde.search.

const siteRoot = new URL("../../", import.meta.url);
// One Pagefind bundle per shard (a year of items); the plugin lists them, newest first.
const shardList = new URL("pagefind/shards.json", siteRoot);
const FILTERS = ["ilce", "kisi", "yil", "kaynak"];
const PAGE_SIZE = 20;
const EXCERPT_WORDS = 30;
// Item pages end their indexed text with this mark, then the ASCII-folded words (search.py).
const FOLD_MARK = "⁂";

const ASCII = { "ç": "c", "ğ": "g", "ı": "i", "ö": "o", "ş": "s", "ü": "u", "â": "a", "î": "i", "û": "u" };

// Turkish lower case: I → ı, İ → i (JavaScript's toLowerCase() would give i and i̇).
export function trLower(text) {
  return text.normalize("NFC").replace(/I/g, "ı").replace(/İ/g, "i").toLowerCase();
}

// The same key as belde.turkish.tr_casefold(text, ascii_fold=True), marks stripped, and the
// suffix after an apostrophe dropped (Kağıthane'de → kagithane).
export function trFold(text) {
  return trLower(text)
    .replace(/[çğıöşüâîû]/g, (c) => ASCII[c])
    .normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    .replace(/['’][^\s]*/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

// Common noun endings, folded to ASCII, longest first. Pagefind matches every query word as a
// prefix, so searching the stem 'belediye' finds belediye, belediyesi and belediyeleri, which
// Pagefind's Turkish stemmer does not bring together.
const ENDINGS = [
  "lerinden", "larindan", "lerinde", "larinda", "lerine", "larina", "lerini", "larini", "lerin", "larin",
  "sinden", "sindan", "sinde", "sinda", "sinin", "sunun", "sine", "sina", "sini", "sunu",
  "leri", "lari", "ler", "lar", "nin", "nun", "den", "dan", "ten", "tan", "yle", "yla",
  "si", "su", "de", "da", "te", "ta", "ye", "ya", "yi", "yu",
];
const MIN_STEM = 4;

// A folded word without its inflection, at most two endings deep (belediyelerinden → belediye).
export function trStem(word) {
  let stem = word;
  for (let pass = 0; pass < 2; pass += 1) {
    const ending = ENDINGS.find((e) => stem.endsWith(e) && stem.length - e.length >= MIN_STEM);
    if (!ending) break;
    stem = stem.slice(0, -ending.length);
  }
  return stem;
}

const $ = (id) => document.getElementById(id);
const form = $("search-form");
const input = $("search-q");
const status = $("search-status");
const list = $("search-results");
const selects = Object.fromEntries(FILTERS.map((name) => [name, $(`search-${name}`)]));

let pagefind = null;
let generation = 0;
let shown = [];
let pending = [];

function readUrl() {
  const params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  for (const name of FILTERS) {
    const value = params.get(name) || "";
    if (value && ![...selects[name].options].some((o) => o.value === value)) {
      selects[name].append(new Option(value, value));
    }
    selects[name].value = value;
  }
}

function writeUrl(push) {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const name of FILTERS) if (selects[name].value) params.set(name, selects[name].value);
  const query = params.toString();
  const url = window.location.pathname + (query ? `?${query}` : "");
  if (url !== window.location.pathname + window.location.search) {
    window.history[push ? "pushState" : "replaceState"](null, "", url);
  }
}

function chosenFilters() {
  const filters = {};
  for (const name of FILTERS) if (selects[name].value) filters[name] = selects[name].value;
  return filters;
}

// Does a folded word of the text match a folded query term? Prefixes stand in for stemming.
function matches(word, term) {
  if (!word || !term) return false;
  if (word.startsWith(term)) return true;
  let common = 0;
  while (common < word.length && common < term.length && word[common] === term[common]) common += 1;
  return common >= 5 && common >= 0.6 * Math.min(word.length, term.length);
}

// A window of the item's own text around the query's words, with those words marked.
function excerpt(content, terms) {
  const cut = content.indexOf(FOLD_MARK);
  const words = (cut >= 0 ? content.slice(0, cut) : content).split(/\s+/).filter(Boolean);
  const hits = words.map((word) => {
    const folded = trFold(word).replace(/[^\p{L}\p{N}]/gu, "");
    return terms.some((term) => matches(folded, term));
  });
  let start = 0;
  let best = 0;
  for (let i = 0; i < words.length; i += 1) {
    if (!hits[i]) continue;
    let count = 0;
    for (let j = i; j < Math.min(words.length, i + EXCERPT_WORDS); j += 1) if (hits[j]) count += 1;
    if (count > best) { best = count; start = i; }
  }
  start = best > 0 ? Math.max(0, start - 5) : 0;
  const paragraph = document.createElement("p");
  paragraph.className = "search-excerpt";
  if (start > 0) paragraph.append("… ");
  const end = Math.min(words.length, start + EXCERPT_WORDS);
  for (let i = start; i < end; i += 1) {
    if (hits[i]) {
      const mark = document.createElement("mark");
      mark.textContent = words[i];
      paragraph.append(mark);
    } else {
      paragraph.append(words[i]);
    }
    if (i < end - 1) paragraph.append(" ");
  }
  if (end < words.length) paragraph.append(" …");
  return paragraph;
}

function render(data, terms) {
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "item-meta";
  if (data.meta.tarih) {
    const time = document.createElement("span");
    time.className = "search-date";
    time.textContent = data.meta.tarih;
    meta.append(time);
  }
  if (data.meta.ilceler) {
    const districts = document.createElement("span");
    districts.className = "search-districts";
    districts.textContent = data.meta.ilceler;
    if (data.meta.tarih) meta.append(" · ");
    meta.append(districts);
  }
  // The indexed text starts with the title, the date and the source, shown above already.
  let content = data.content || "";
  const source = (data.filters && data.filters.kaynak && data.filters.kaynak[0]) || "";
  for (const lead of [data.meta.title, data.meta.tarih, source && `· Kaynak: ${source}`]) {
    if (lead && content.startsWith(lead)) content = content.slice(lead.length).replace(/^[\s.]+/, "");
  }
  item.append(heading, meta, excerpt(content, terms));
  return item;
}

async function showMore(run, terms) {
  const next = pending.splice(0, PAGE_SIZE);
  const datas = await Promise.all(next.map((result) => result.data()));
  if (run !== generation) return;
  for (const data of datas) list.append(render(data, terms));
  shown = shown.concat(next);
  updateMoreButton(run, terms);
}

function updateMoreButton(run, terms) {
  let more = $("search-more");
  if (more) more.remove();
  if (!pending.length) return;
  more = document.createElement("button");
  more.type = "button";
  more.id = "search-more";
  more.className = "search-more";
  more.textContent = `Daha fazla göster (${pending.length} sonuç daha)`;
  more.addEventListener("click", () => showMore(run, terms));
  list.after(more);
}

async function runSearch() {
  const run = ++generation;
  const raw = input.value.trim();
  const filters = chosenFilters();
  const filtered = Object.keys(filters).length > 0;
  list.replaceChildren();
  updateMoreButton(run, []);
  pending = [];
  shown = [];
  if (!raw && !filtered) {
    status.textContent = "Aramak için bir sözcük yazın ya da bir süzgeç seçin.";
    list.dataset.done = window.location.search;
    return;
  }
  const folded = trFold(raw);
  const original = trLower(raw);
  const options = { filters };
  const stemmed = folded.split(" ").map(trStem).join(" ");
  const queries = folded ? [folded] : [null];
  if (original && original !== folded) queries.push(original);
  if (stemmed && stemmed !== folded) queries.push(stemmed);
  if (!folded) options.sort = { tarih: "desc" };
  const searches = await Promise.all(queries.map((q) => pagefind.search(q, options)));
  if (run !== generation) return;
  // The folded and the original query may find different words: keep each item once.
  const byId = new Map();
  for (const search of searches) {
    for (const result of search.results) {
      const seen = byId.get(result.id);
      if (!seen || result.score > seen.score) byId.set(result.id, result);
    }
  }
  let results = [...byId.values()];
  if (folded) results.sort((a, b) => b.score - a.score);
  const what = raw ? `“${raw}” için` : "Seçilen süzgeçlerle";
  status.textContent = results.length
    ? `${what} ${results.length} sonuç bulundu.`
    : `${what} sonuç bulunamadı.`;
  pending = results;
  const terms = stemmed ? stemmed.split(" ").map((t) => t.replace(/[^\p{L}\p{N}]/gu, "")).filter(Boolean) : [];
  await showMore(run, terms);
  if (run === generation) list.dataset.done = window.location.search;
}

let timer = null;
function schedule(push) {
  window.clearTimeout(timer);
  if (push) {
    writeUrl(true);
    runSearch();
    return;
  }
  timer = window.setTimeout(() => {
    writeUrl(false);
    runSearch();
  }, 250);
}

async function start() {
  $("search-nojs").hidden = true;
  form.hidden = false;
  readUrl();
  status.textContent = "Arama dizini yükleniyor…";
  try {
    const { shards } = await (await fetch(shardList)).json();
    if (!shards.length) throw new Error("no search index");
    pagefind = await import(new URL(`pagefind/${shards[0]}/pagefind.js`, siteRoot).href);
    await pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: EXCERPT_WORDS });
    // All at once: each merge waits for two small files, and one after the other they added up.
    await Promise.all(shards.slice(1).map((shard) =>
      pagefind.mergeIndex(new URL(`pagefind/${shard}/`, siteRoot).href, { baseUrl: siteRoot.pathname })));
    await pagefind.init();
  } catch (error) {
    status.textContent = "Arama dizini yüklenemedi. Haberlere ilçe ve kişi dizinlerinden ulaşabilirsiniz.";
    $("search-nojs").hidden = false;
    return;
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    schedule(true);
  });
  input.addEventListener("input", () => schedule(false));
  for (const name of FILTERS) selects[name].addEventListener("change", () => schedule(true));
  window.addEventListener("popstate", () => {
    readUrl();
    runSearch();
  });
  await runSearch();
  document.documentElement.dataset.searchReady = "true";
}

start();
