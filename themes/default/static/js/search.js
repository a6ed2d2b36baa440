// byline search page: drives Pagefind's JS API from the form on /search/.
// Reads the query and filters from the address (?q=…&author=…&tag=…&year=…),
// keeps the address in sync, searches as the reader types and lists results
// ten at a time. Everything it loads comes from the built site itself.

const PAGE_SIZE = 10;
const DEBOUNCE_MS = 250;
// Filters offered as controls, in this order, with their legends.
const GROUPS = [
  ["author", "Author"],
  ["tag", "Topic"],
  ["year", "Year"],
  ["series", "Series"],
];

const script = document.querySelector("script[data-bundle]");
const bundle = script ? script.dataset.bundle : new URL("../pagefind/", import.meta.url).href;

const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const filtersBox = document.getElementById("search-filters");
const groupsBox = document.getElementById("search-filter-groups");
const activeCount = document.getElementById("search-filter-active");
const clearButton = document.getElementById("search-clear");
const status = document.getElementById("search-status");
const fallback = document.getElementById("search-fallback");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");

let pagefind = null;
let results = [];
let shown = 0;
let generation = 0;
let timer = 0;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

// Pagefind's excerpt is HTML; keep only its text and <mark> elements.
function safeExcerpt(html) {
  const doc = new DOMParser().parseFromString(`<!DOCTYPE html><body>${html || ""}`, "text/html");
  const out = document.createDocumentFragment();
  const copy = (from, to) => {
    for (const n of from.childNodes) {
      if (n.nodeType === Node.TEXT_NODE) to.append(n.data);
      else if (n.nodeType === Node.ELEMENT_NODE) {
        if (n.localName === "mark") { const m = document.createElement("mark"); copy(n, m); to.append(m); }
        else if (n.localName !== "script" && n.localName !== "style") copy(n, to);
      }
    }
  };
  copy(doc.body, out);
  return out;
}

function lines(s) {
  return typeof s === "string" && s !== "" ? s.split("\n") : [];
}

// Only same-site or http(s) addresses become links or images.
function safeUrl(u) {
  if (!u) return null;
  try {
    const url = new URL(u, location.href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch { return null; }
}

function readUrl() {
  const params = new URLSearchParams(location.search);
  const chosen = {};
  for (const [key] of GROUPS) {
    const values = params.getAll(key).filter(Boolean);
    if (values.length) chosen[key] = values;
  }
  return { q: (params.get("q") || "").trim(), chosen };
}

function currentState() {
  const chosen = {};
  for (const box of groupsBox.querySelectorAll("input[type=checkbox]:checked")) {
    (chosen[box.name] ||= []).push(box.value);
  }
  return { q: input.value.trim(), chosen };
}

// Typing replaces the history entry; ticking a filter or submitting adds one, so
// Back steps through filter choices and then leaves the page.
function writeUrl(state, push) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const [key] of GROUPS) for (const v of state.chosen[key] || []) params.append(key, v);
  const qs = params.toString();
  const next = location.pathname + (qs ? `?${qs}` : "") + location.hash;
  if (next === location.pathname + location.search + location.hash) return;
  if (push) history.pushState(null, "", next);
  else history.replaceState(null, "", next);
}

function buildFilters(available, chosen) {
  groupsBox.replaceChildren();
  let any = false;
  for (const [key, legend] of GROUPS) {
    const values = available[key];
    if (!values || Object.keys(values).length === 0) continue;
    any = true;
    let names = Object.keys(values);
    if (key === "year") names.sort((a, b) => b.localeCompare(a));
    else names.sort((a, b) => a.localeCompare(b));
    const items = el("ul", { class: "search-filter-list" });
    names.forEach((name, i) => {
      const id = `filter-${key}-${i}`;
      const box = el("input", { type: "checkbox", id, name: key, value: name });
      box.checked = (chosen[key] || []).includes(name);
      const label = el("label", { for: id }, name, " ", el("span", { class: "count", text: `(${values[name]})` }));
      items.append(el("li", {}, box, label));
    });
    groupsBox.append(el("fieldset", { class: `search-filter search-filter-${key}` }, el("legend", { text: legend }), items));
  }
  filtersBox.hidden = !any;
  updateActive(chosen);
}

function updateActive(chosen) {
  const n = Object.values(chosen).reduce((sum, v) => sum + v.length, 0);
  activeCount.textContent = n ? ` (${n} chosen)` : "";
  clearButton.hidden = n === 0;
}

function filtersFor(chosen) {
  const filters = {};
  for (const [key, values] of Object.entries(chosen)) if (values.length) filters[key] = { any: values };
  return filters;
}

function describe(count, state) {
  const noun = count === 1 ? "result" : "results";
  const hasFilters = Object.keys(state.chosen).length > 0;
  if (state.q) return `${count} ${noun} for “${state.q}”${hasFilters ? " with the chosen filters" : ""}`;
  return `${count} ${noun} with the chosen filters, newest first`;
}

async function run(state, push = false) {
  writeUrl(state, push);
  updateActive(state.chosen);
  const mine = ++generation;
  const hasFilters = Object.keys(state.chosen).length > 0;
  if (!state.q && !hasFilters) {
    results = [];
    shown = 0;
    list.replaceChildren();
    list.hidden = true;
    more.hidden = true;
    status.textContent = "";
    return;
  }
  const options = { filters: filtersFor(state.chosen) };
  if (!state.q) options.sort = { date: "desc" };
  let response;
  try {
    response = await pagefind.search(state.q || null, options);
  } catch (err) {
    if (mine === generation) status.textContent = "Search failed. Try again, or browse the archive below.";
    fallback.hidden = false;
    console.error(err);
    return;
  }
  if (mine !== generation || response === null) return; // a newer search has started
  results = response.results;
  shown = 0;
  list.replaceChildren();
  list.hidden = results.length === 0;
  status.textContent = describe(results.length, state);
  await showMore(mine, false);
}

async function showMore(mine, focusFirst) {
  const slice = results.slice(shown, shown + PAGE_SIZE);
  const data = await Promise.all(slice.map((r) => r.data()));
  if (mine !== generation) return;
  const items = data.map(renderResult);
  list.append(...items);
  shown += slice.length;
  more.hidden = shown >= results.length;
  if (focusFirst && items[0]) {
    const link = items[0].querySelector("a");
    if (link) link.focus();
  }
}

function initials(name) {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0].toUpperCase()).join("");
}

// A photo, or the author's initials as the theme shows them; decorative either way.
function avatar(src, name, size) {
  const url = safeUrl(src);
  if (url) return el("img", { class: "avatar", src: url, alt: "", width: String(size), height: String(size), loading: "lazy" });
  return el("span", { class: `avatar avatar-initials search-avatar-${size}`, "aria-hidden": "true", text: initials(name || "") });
}

function renderResult(d) {
  const meta = d.meta || {};
  const kind = meta.kind || "post";
  const title = meta.title || d.url;
  const href = safeUrl(d.url) || "#";
  const item = el("li", { class: `search-result search-result-${kind}` });
  if (kind === "author") {
    const head = el("div", { class: "search-result-person" }, avatar(meta.photo, title, 56));
    const names = el("div", {}, el("p", { class: "search-result-kind", text: "Author" }),
      el("h2", { class: "search-result-title" }, el("a", { href, text: title })));
    if (meta.role) names.append(el("p", { class: "author-role", text: meta.role }));
    head.append(names);
    item.append(head);
  } else {
    if (kind === "page") item.append(el("p", { class: "search-result-kind", text: "Page" }));
    item.append(el("h2", { class: "search-result-title" }, el("a", { href, text: title })));
    if (kind === "post") {
      const metaLine = el("div", { class: "card-meta search-result-meta" });
      const names = lines(meta.authors);
      if (names.length) {
        const urls = lines(meta.author_urls);
        const photos = (meta.photos || "").split("\n");
        const byline = el("ul", { class: "byline", "aria-label": "Authors" });
        names.forEach((name, i) => {
          const link = safeUrl(urls[i]);
          const inner = [avatar(photos[i], name, 28), el("span", { class: "search-author-name", text: name })];
          byline.append(el("li", {}, link ? el("a", { class: "byline-author", href: link }, ...inner) : el("span", { class: "byline-author" }, ...inner)));
        });
        metaLine.append(byline);
      }
      if (meta.date) {
        metaLine.append(el("p", { class: "dateline" }, el("time", { datetime: meta.date, text: meta.date_text || meta.date })));
      }
      item.append(metaLine);
    }
  }
  if (d.excerpt) item.append(el("p", { class: "search-result-excerpt" }, safeExcerpt(d.excerpt)));
  return item;
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(() => run(currentState()), DEBOUNCE_MS);
}

async function start() {
  const initial = readUrl();
  input.value = initial.q;
  try {
    pagefind = await import(`${bundle}pagefind.js`);
    await pagefind.options({ basePath: bundle, excerptLength: 30 });
    await pagefind.init();
  } catch (err) {
    console.error(err);
    status.textContent = "Search could not be loaded. Browse the archive, the topics or the authors instead.";
    return; // the links in the fallback stay visible
  }
  fallback.hidden = true;
  // The filters' values (a chunk of the index each) are fetched only when the
  // reader opens the filters, so a first query downloads only what it needs.
  let loading = null;
  const loadFilters = () =>
    (loading ??= pagefind
      .filters()
      .catch((err) => {
        console.error(err); // search still works without the filter controls
        return {};
      })
      .then((available) => buildFilters(available, readUrl().chosen)));
  filtersBox.hidden = false;
  filtersBox.addEventListener("toggle", () => filtersBox.open && loadFilters());
  if (Object.keys(initial.chosen).length) {
    await loadFilters();
    filtersBox.open = true;
  }

  input.addEventListener("input", schedule);
  groupsBox.addEventListener("change", () => run(currentState(), true));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run(currentState(), true);
  });
  clearButton.addEventListener("click", () => {
    for (const box of groupsBox.querySelectorAll("input:checked")) box.checked = false;
    run(currentState(), true);
    input.focus();
  });
  more.addEventListener("click", () => showMore(generation, true));
  window.addEventListener("popstate", () => {
    const state = readUrl();
    input.value = state.q;
    for (const box of groupsBox.querySelectorAll("input[type=checkbox]")) {
      box.checked = (state.chosen[box.name] || []).includes(box.value);
    }
    run(state);
  });
  await run(initial);
  if (!initial.q) input.focus();
}

start();
