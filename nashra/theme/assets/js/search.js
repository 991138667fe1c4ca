/* Nashra search page: our own UI on Pagefind's JS API (Pagefind 1.5.2, pinned).
 *
 * Markup: templates/partials/search_ui.html. Over http it imports <root>/pagefind/pagefind.js;
 * over file:// (where module imports and fetches are refused) it loads pagefind-offline.js,
 * which serves Pagefind's fetches from <script>-loaded copies of the bundle.
 * A big archive's language is indexed in shards (consecutive years, see nashra/search.py):
 * the first in the bundle root, the others in folders that pagefind-entry.json lists under
 * "nashra_shards"; they are merged with Pagefind's mergeIndex, and date-sorted results are
 * put back in date order shard by shard (Pagefind merges them by score).
 * The query is normalised with window.NashraArabic (arabic.js) when that is loaded, the same
 * way the pages' hidden `terms` field was normalised at build time.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 20;
  var DEBOUNCE_MS = 200;
  var STRIPPED_WEIGHT = 0.8; /* a page with the word as typed ranks above one with its stem */
  var KEYS = ["q", "kind", "source", "year", "entity", "sort"];
  var SORTS = { newest: { date: "desc" }, oldest: { date: "asc" } };
  /* By relevance, results come kind by kind: what a reader typing a name wants first. */
  var KIND_ORDER = ["entity", "briefing", "event"];
  var NAME_CHECK = 8; /* entity results whose `names` are read to find the one named */

  function byId(id) {
    return document.getElementById(id);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function unique(values) {
    var seen = Object.create(null);
    return values.filter(function (v) {
      if (!v || seen[v]) return false;
      seen[v] = true;
      return true;
    });
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.async = true;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(script);
    });
  }

  /* ---------- query normalisation (arabic.js is optional) ---------- */

  function arabic() {
    var A = window.NashraArabic;
    return A && typeof A === "object" ? A : null;
  }

  function asList(value) {
    if (Array.isArray(value)) return value.map(String);
    if (typeof value === "string") return value.split(/\s+/);
    return [];
  }

  /* Every form of one typed word the index may hold: as typed first, then its normalised
     and clitic-stripped forms (the same search_terms that filled the pages' `terms`). */
  function forms(word) {
    var found = [word];
    var A = arabic();
    try {
      if (A && typeof A.searchTerms === "function") found = found.concat(asList(A.searchTerms(word)));
      else if (A && typeof A.normalize === "function") found = found.concat(asList(A.normalize(word)));
    } catch (error) {
      /* a broken normaliser must not break search: the word as typed still works */
    }
    var seen = Object.create(null);
    return found.map(function (w) { return w.trim(); }).filter(function (w) {
      var key = w.toLowerCase();
      if (!w || seen[key]) return false;
      seen[key] = true;
      return true;
    });
  }

  var WORD_BREAK = /[\s\u060C\u061B\u061F.,;:!?()[\]{}"«»]+/;

  /* The query as a list of words, each the list of its forms; null for no words.
     Pagefind ANDs every term it knows, so the forms of one word cannot go into one query
     (a page with "بوتين" lacks "وبوتين"): each form is searched alone and OR-ed. */
  function queryPlan(raw) {
    var q = raw.trim();
    if (!q) return null;
    if (/^".+"$/.test(q)) return [[q]]; /* exact phrase: Pagefind's own syntax, as typed */
    var plan = q.split(WORD_BREAK).filter(Boolean).map(forms);
    return plan.length ? plan : null;
  }

  function flatten(plan) {
    return unique([].concat.apply([], plan || []));
  }

  /* ---------- state <-> URL ---------- */

  function readState(search) {
    var params = new URLSearchParams(search);
    var state = {};
    KEYS.forEach(function (k) { state[k] = (params.get(k) || "").trim(); });
    if (!SORTS[state.sort]) state.sort = "";
    return state;
  }

  function stateQuery(state) {
    var params = new URLSearchParams();
    KEYS.forEach(function (k) { if (state[k]) params.set(k, state[k]); });
    var text = params.toString();
    return text ? "?" + text : "";
  }

  function sameState(a, b) {
    return KEYS.every(function (k) { return (a[k] || "") === (b[k] || ""); });
  }

  /* ---------- excerpts ---------- */

  function decodeText(text) {
    /* Pagefind escapes only < and > in its excerpts; the rest is plain text. */
    return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  }

  function appendExcerpt(target, excerpt, queryForms) {
    var parts = String(excerpt || "").split(/(<mark>|<\/mark>)/);
    var marked = false;
    var inside = false;
    parts.forEach(function (part) {
      if (part === "<mark>") { inside = true; return; }
      if (part === "</mark>") { inside = false; return; }
      if (!part) return;
      if (inside) {
        target.appendChild(element("mark", "", decodeText(part)));
        marked = true;
      } else {
        target.appendChild(document.createTextNode(decodeText(part)));
      }
    });
    if (!marked) markForms(target, queryForms);
  }

  /* When a page matched through its hidden `terms` field (another spelling, an attached
     clitic), Pagefind marks nothing: mark the words whose normalised forms were searched. */
  function markForms(target, queryForms) {
    if (!queryForms.length) return;
    var wanted = Object.create(null);
    queryForms.forEach(function (f) { wanted[f.toLowerCase()] = true; });
    var text = target.textContent;
    var pieces = text.split(/(\s+)/);
    var any = false;
    var fragment = document.createDocumentFragment();
    pieces.forEach(function (piece) {
      var word = piece.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
      var hit = word && !/^\s+$/.test(piece) && forms(word).some(function (f) {
        return wanted[f.toLowerCase()];
      });
      if (hit) {
        var at = piece.indexOf(word);
        fragment.appendChild(document.createTextNode(piece.slice(0, at)));
        fragment.appendChild(element("mark", "", word));
        fragment.appendChild(document.createTextNode(piece.slice(at + word.length)));
        any = true;
      } else {
        fragment.appendChild(document.createTextNode(piece));
      }
    });
    if (any) {
      target.textContent = "";
      target.appendChild(fragment);
    }
  }

  /* ---------- Pagefind loading ---------- */

  /* The shards of `lang` the bundle's entry file lists, oldest first ([] before sharding). */
  function loadShards(bundle, lang) {
    return fetch(bundle + "pagefind-entry.json?ts=" + Date.now())
      .then(function (response) { return response.json(); })
      .then(function (entry) { return (entry.nashra_shards || {})[lang] || []; });
  }

  /* The shard a result came from: sharded pages are named <lang>_<unit>_<hash>. */
  function shardUnit(result) {
    var id = String(result.id);
    return id.slice(id.indexOf("_") + 1, Math.max(id.lastIndexOf("_"), id.indexOf("_") + 1));
  }

  /* With a sort, each shard's results come in its own order and Pagefind's score is the rank
     inside the shard: order by shard (oldest first, or newest first), then by that rank. */
  function shardOrder(results, sort, rank) {
    var keys = Object.keys(sort || {});
    if (!keys.length || !rank) return results;
    var sign = sort[keys[0]] === "desc" ? -1 : 1;
    return results.map(function (r, i) { return { r: r, i: i, at: sign * (rank[shardUnit(r)] || 0) }; })
      .sort(function (a, b) { return a.at - b.at || b.r.score - a.r.score || a.i - b.i; })
      .map(function (x) { return x.r; });
  }

  function loadPagefind(bundle, offlineShim) {
    if (location.protocol === "file:") {
      return loadScript(offlineShim).then(function () {
        return window.NashraPagefindOffline.load(bundle);
      });
    }
    return import(bundle + "pagefind.js");
  }

  /* ---------- the UI ---------- */

  function SearchUI(box) {
    this.box = box;
    this.lang = box.getAttribute("data-lang") || document.documentElement.lang || "en";
    this.root = box.getAttribute("data-root") || "";
    this.bundle = new URL(box.getAttribute("data-bundle"), document.baseURI).href;
    this.offlineShim = new URL(box.getAttribute("data-offline"), document.baseURI).href;
    this.t = JSON.parse(box.getAttribute("data-strings") || "{}");
    this.form = box.querySelector("form");
    this.input = byId("nashra-search-q");
    this.selects = {
      kind: byId("nashra-search-kind"),
      source: byId("nashra-search-source"),
      year: byId("nashra-search-year"),
      sort: byId("nashra-search-sort"),
    };
    this.entityBox = byId("nashra-search-entity");
    this.status = byId("nashra-search-status");
    this.list = byId("nashra-search-results");
    this.more = byId("nashra-search-more");
    this.pagefind = null;
    this.shardRank = null; /* shard unit -> position in date order, when there are shards */
    this.seq = 0;
    this.state = readState(location.search);
    this.typing = false; /* true while keystrokes replace the history entry they pushed */
    this.results = [];
    this.shown = 0;
    this.queryForms = [];
    this.filtersLoading = null;
    this.timer = null;
  }

  SearchUI.prototype.text = function (key, n) {
    var value = this.t[key];
    if (value === undefined) return "";
    return n === undefined ? value : value.replace("{n}", this.number(n));
  };

  SearchUI.prototype.number = function (n) {
    try {
      return n.toLocaleString(this.lang + "-u-nu-latn");
    } catch (error) {
      return String(n);
    }
  };

  SearchUI.prototype.countText = function (n) {
    var category = "other";
    if (n === 0 && this.t.search_results_zero) category = "zero";
    else {
      try { category = new Intl.PluralRules(this.lang).select(n); } catch (error) { /* other */ }
    }
    var key = "search_results_" + category;
    return this.text(this.t[key] ? key : "search_results_other", n);
  };

  SearchUI.prototype.start = function () {
    var ui = this;
    ui.box.hidden = false;
    ui.bindEvents();
    ui.showState();
    ui.setStatus(ui.text("search_loading"));
    return loadPagefind(ui.bundle, ui.offlineShim)
      .then(function (pagefind) {
        ui.pagefind = pagefind;
        var options = { basePath: ui.bundle, excerptLength: 24 };
        /* A worker cannot start from file://; Pagefind would try and fall back noisily. */
        if (location.protocol === "file:") options.noWorker = true;
        return pagefind.options(options).then(function () { return pagefind.init(); })
          .then(function () { return ui.mergeShards(options); });
      })
      .then(function () {
        ui.setStatus("");
        return ui.run(true);
      })
      .catch(function (error) {
        ui.setStatus(ui.text("search_error"));
        ui.box.setAttribute("data-state", "error");
        if (window.console) console.warn("Nashra search:", error);
      });
  };

  SearchUI.prototype.mergeShards = function (options) {
    var ui = this;
    return loadShards(ui.bundle, ui.lang).then(function (shards) {
      if (shards.length < 2) return null;
      ui.shardRank = Object.create(null);
      shards.forEach(function (shard, i) { ui.shardRank[shard.unit] = i; });
      /* Result URLs come from each page's raw_url (see href), so baseUrl only quiets
         Pagefind's guess from the shard's folder. */
      return Promise.all(shards.filter(function (shard) { return shard.dir; }).map(function (shard) {
        return ui.pagefind.mergeIndex(ui.bundle + shard.dir + "/", {
          language: ui.lang, baseUrl: "/", excerptLength: options.excerptLength,
        });
      }));
    });
  };

  /* pagefind.search, with date-sorted results of several shards in date order. */
  SearchUI.prototype.search = function (term, options) {
    var rank = this.shardRank;
    return this.pagefind.search(term, options).then(function (response) {
      response.results = shardOrder(response.results, options.sort, rank);
      return response;
    });
  };

  SearchUI.prototype.bindEvents = function () {
    var ui = this;
    ui.form.addEventListener("submit", function (event) {
      event.preventDefault();
      ui.readForm();
      ui.typing = false;
      ui.run(true);
    });
    ui.input.addEventListener("input", function () {
      ui.readForm();
      ui.run(false);
    });
    ui.input.addEventListener("blur", function () { ui.typing = false; });
    ui.input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && ui.links().length) {
        event.preventDefault();
        ui.links()[0].focus();
      }
    });
    Object.keys(ui.selects).forEach(function (name) {
      ui.selects[name].addEventListener("change", function () {
        ui.readForm();
        ui.typing = false;
        ui.run(true);
      });
    });
    /* The filter values need every filter chunk of the index (the entity one grows with
       the archive): fetch them when the reader turns to the filters, not for every query. */
    var fieldset = ui.selects.kind.closest("fieldset");
    ["focusin", "pointerover", "touchstart"].forEach(function (type) {
      fieldset.addEventListener(type, function () { ui.loadFilters(); }, { passive: true });
    });
    ui.list.addEventListener("keydown", function (event) { ui.onListKey(event); });
    ui.more.addEventListener("click", function () { ui.showMore(true); });
    window.addEventListener("popstate", function () {
      ui.state = readState(location.search);
      ui.typing = false;
      ui.showState();
      ui.run(true, true);
    });
  };

  SearchUI.prototype.links = function () {
    return Array.prototype.slice.call(this.list.querySelectorAll("a.nashra-result__link"));
  };

  SearchUI.prototype.onListKey = function (event) {
    var links = this.links();
    var at = links.indexOf(document.activeElement);
    if (at < 0) return;
    var next = null;
    if (event.key === "ArrowDown") next = links[Math.min(at + 1, links.length - 1)];
    else if (event.key === "ArrowUp") next = at === 0 ? this.input : links[at - 1];
    else if (event.key === "Home") next = links[0];
    else if (event.key === "End") next = links[links.length - 1];
    else if (event.key === "Escape") next = this.input;
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };

  SearchUI.prototype.readForm = function () {
    var ui = this;
    ui.state = {
      q: ui.input.value.trim(),
      kind: ui.selects.kind.value,
      source: ui.selects.source.value,
      year: ui.selects.year.value,
      entity: ui.state.entity,
      sort: ui.selects.sort.value,
    };
  };

  SearchUI.prototype.showState = function () {
    var ui = this;
    if (ui.input.value.trim() !== ui.state.q) ui.input.value = ui.state.q;
    ["kind", "source", "year", "sort"].forEach(function (name) {
      var select = ui.selects[name];
      var value = ui.state[name];
      if (value && !select.querySelector('option[value="' + CSS.escape(value) + '"]')) {
        var option = element("option", "", value);
        option.value = value;
        select.appendChild(option);
      }
      select.value = value;
    });
    ui.showEntity();
  };

  SearchUI.prototype.showEntity = function () {
    var ui = this;
    ui.entityBox.textContent = "";
    ui.entityBox.hidden = !ui.state.entity;
    if (!ui.state.entity) return;
    ui.entityBox.appendChild(element("span", "", ui.text("search_entity") + ": "));
    ui.entityBox.appendChild(element("bdi", "", ui.state.entity));
    var clear = element("button", "nashra-search__clear", "×");
    clear.type = "button";
    clear.setAttribute("aria-label", ui.text("search_clear_entity"));
    clear.addEventListener("click", function () {
      ui.state.entity = "";
      ui.typing = false;
      ui.showEntity();
      ui.input.focus();
      ui.run(true);
    });
    ui.entityBox.appendChild(clear);
  };

  SearchUI.prototype.loadFilters = function () {
    var ui = this;
    if (ui.filtersLoading || !ui.pagefind) return ui.filtersLoading || Promise.resolve();
    ui.filtersLoading = ui.pagefind.filters().then(function (filters) {
      ui.fillFilters(filters || {});
      ui.showState();
      ui.box.setAttribute("data-filters", "loaded");
    }).catch(function (error) {
      ui.filtersLoading = null;
      if (window.console) console.warn("Nashra search filters:", error);
    });
    return ui.filtersLoading;
  };

  SearchUI.prototype.fillFilters = function (filters) {
    var ui = this;
    var collator = new Intl.Collator(ui.lang);
    var order = {
      source: collator.compare,
      year: function (a, b) { return b.localeCompare(a); },
    };
    ["source", "year"].forEach(function (name) {
      var select = ui.selects[name];
      var values = Object.keys(filters[name] || {}).sort(order[name]);
      while (select.options.length > 1) select.remove(1);
      values.forEach(function (value) {
        var option = element("option", "", value);
        option.value = value;
        select.appendChild(option);
      });
    });
    /* Kinds the archive has none of are dropped from the list. */
    var kinds = filters.kind || {};
    Array.prototype.slice.call(ui.selects.kind.options, 1).forEach(function (option) {
      if (!kinds[option.value] && option.value !== ui.state.kind) option.remove();
    });
  };

  SearchUI.prototype.searchOptions = function () {
    var filters = {};
    var state = this.state;
    ["kind", "source", "year", "entity"].forEach(function (k) { if (state[k]) filters[k] = state[k]; });
    var sort = SORTS[state.sort] || {};
    /* Without a query there is no relevance: list filtered pages newest first. */
    if (!state.q && !state.sort) sort = SORTS.newest;
    return { filters: filters, sort: sort };
  };

  SearchUI.prototype.updateUrl = function (fromHistory) {
    if (fromHistory) return;
    var current = readState(location.search);
    if (sameState(current, this.state)) return;
    var url = location.pathname + stateQuery(this.state) + location.hash;
    var push = !this.typing;
    try {
      if (push) history.pushState(null, "", url);
      else history.replaceState(null, "", url);
    } catch (error) {
      return; /* some browsers refuse history changes on file:// pages */
    }
    /* Keystrokes after the first replace the entry they pushed; a pause (blur, Enter, a
       filter) starts a new entry, so Back returns to the previous search, not a letter. */
    this.typing = true;
  };

  SearchUI.prototype.run = function (immediate, fromHistory) {
    var ui = this;
    if (!ui.pagefind) return Promise.resolve();
    var seq = ++ui.seq;
    var plan = queryPlan(ui.state.q);
    var options = ui.searchOptions();
    ui.queryForms = flatten(plan);
    clearTimeout(ui.timer);
    if (plan === null && !Object.keys(options.filters).length) {
      ui.updateUrl(fromHistory);
      ui.clear();
      return Promise.resolve();
    }
    ui.list.setAttribute("aria-busy", "true");
    ui.box.setAttribute("data-state", "busy");
    var wait = immediate ? Promise.resolve() : new Promise(function (resolve) {
      ui.timer = setTimeout(resolve, DEBOUNCE_MS);
    });
    return wait.then(function () {
      if (seq !== ui.seq) return null;
      return ui.ranked(plan, options);
    }).then(function (results) {
      if (!results || seq !== ui.seq) return null;
      ui.updateUrl(fromHistory);
      ui.results = results;
      ui.shown = 0;
      ui.list.textContent = "";
      return ui.showMore(false).then(function () {
        if (seq !== ui.seq) return;
        ui.list.removeAttribute("aria-busy");
        ui.setStatus(ui.countText(ui.results.length));
        ui.box.setAttribute("data-query", ui.state.q); /* what the list shows, for tests */
        ui.box.setAttribute("data-state", "done");
      });
    }).catch(function (error) {
      if (seq !== ui.seq) return;
      ui.list.removeAttribute("aria-busy");
      ui.setStatus(ui.text("search_error"));
      if (window.console) console.warn("Nashra search:", error);
    });
  };

  /* Pages where every word of `plan` matches in at least one of its forms, best first
     (or in date order when a sort is chosen). Words no page has are left out, as Pagefind
     itself does. Each result is a Pagefind result; the one kept for a page is the one
     whose excerpt marks the most words. */
  SearchUI.prototype.find = function (plan, options) {
    var ui = this;
    var results = function (response) { return response.results; };
    if (plan === null) return ui.search(null, options).then(results);
    var terms = flatten(plan);
    var typed = plan.map(function (f) { return f[0]; }).join(" ");
    if (terms.length === 1) return ui.search(terms[0], options).then(results);
    /* The words as typed, together: Pagefind's own ranking and an excerpt marking them all. */
    var searches = terms.concat(plan.length > 1 ? [typed] : []);
    return Promise.all(searches.map(function (term) { return ui.search(term, options); }))
      .then(function (responses) {
        var byTerm = Object.create(null);
        searches.forEach(function (term, i) { byTerm[term] = responses[i].results; });
        var pages = combine(plan, byTerm, plan.length > 1 ? byTerm[typed] : []);
        if (!Object.keys(options.sort).length) {
          return pages.sort(function (a, b) {
            return b.total - a.total || (a.best.id < b.best.id ? -1 : a.best.id > b.best.id ? 1 : 0);
          }).map(function (p) { return p.best; });
        }
        /* Each search came back in date order, but the merged list needs one order: take it
           from a words-free search (sort data lives in the index metadata: no chunk fetch). */
        return ui.search(null, options).then(function (all) {
          var rank = Object.create(null);
          all.results.forEach(function (r, i) { rank[r.id] = i; });
          return pages.sort(function (a, b) { return rank[a.best.id] - rank[b.best.id]; })
            .map(function (p) { return p.best; });
        });
      });
  };

  /* Every word of `plan` is one of an entity's own names or aliases (its `names` meta). */
  function names(meta, plan) {
    var held = Object.create(null);
    String((meta && meta.names) || "").toLowerCase().split(/\s+/).forEach(function (w) {
      if (w) held[w] = true;
    });
    return plan.every(function (word) {
      return word.some(function (form) { return held[form.toLowerCase()]; });
    });
  }

  /* By relevance (no sort, no kind chosen): the entity a name query names, then briefings,
     then events, then other entities, each kind in Pagefind's order. The same searches run
     over http and file://, so both list the same pages in the same order. */
  SearchUI.prototype.ranked = function (plan, options) {
    var ui = this;
    if (plan === null || Object.keys(options.sort).length || options.filters.kind) {
      return ui.find(plan, options);
    }
    return Promise.all(KIND_ORDER.map(function (kind) {
      var filters = {};
      Object.keys(options.filters).forEach(function (k) { filters[k] = options.filters[k]; });
      filters.kind = kind;
      return ui.find(plan, { filters: filters, sort: options.sort });
    })).then(function (lists) {
      var entities = lists[0];
      var head = entities.slice(0, NAME_CHECK);
      return Promise.all(head.map(function (r) { return r.data(); })).then(function (pages) {
        var named = [];
        var other = [];
        head.forEach(function (r, i) { (names(pages[i].meta, plan) ? named : other).push(r); });
        return named.concat(lists[1], lists[2], other, entities.slice(NAME_CHECK));
      });
    });
  };

  function combine(plan, byTerm, together) {
    var pages = Object.create(null);
    var active = [];
    plan.forEach(function (terms, w) {
      var any = false;
      terms.forEach(function (term, i) {
        var weight = i === 0 ? 1 : STRIPPED_WEIGHT;
        byTerm[term].forEach(function (r) {
          any = true;
          var page = pages[r.id] || (pages[r.id] = { best: r, scores: Object.create(null), total: 0 });
          page.scores[w] = Math.max(page.scores[w] || 0, r.score * weight);
          if (r.words.length > page.best.words.length) page.best = r;
        });
      });
      if (any) active.push(w);
    });
    together.forEach(function (r) {
      var page = pages[r.id];
      if (page && r.words.length >= page.best.words.length) page.best = r;
    });
    return Object.keys(pages).map(function (id) { return pages[id]; }).filter(function (page) {
      if (!active.every(function (w) { return w in page.scores; })) return false;
      active.forEach(function (w) { page.total += page.scores[w]; });
      return true;
    });
  }

  SearchUI.prototype.clear = function () {
    this.seq++;
    this.results = [];
    this.shown = 0;
    this.list.textContent = "";
    this.list.removeAttribute("aria-busy");
    this.more.hidden = true;
    this.setStatus("");
    this.box.setAttribute("data-query", "");
    this.box.setAttribute("data-state", "empty");
  };

  SearchUI.prototype.showMore = function (focusFirst) {
    var ui = this;
    var seq = ui.seq;
    var batch = ui.results.slice(ui.shown, ui.shown + PAGE_SIZE);
    ui.shown += batch.length;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
      if (seq !== ui.seq) return;
      var first = null;
      pages.forEach(function (page) {
        var item = ui.item(page);
        first = first || item.querySelector("a");
        ui.list.appendChild(item);
      });
      ui.more.hidden = ui.shown >= ui.results.length;
      if (focusFirst && first) first.focus();
    });
  };

  SearchUI.prototype.href = function (page) {
    /* Pagefind's URLs are root-relative ("/en/briefings/x/index.html", kept by
       --keep-index-url); prefixing the page's relative root works hosted under any
       sub-path and from file://. */
    var path = String(page.raw_url || page.url || "").replace(/^\/+/, "");
    if (!path || /\/$/.test(path)) path += "index.html";
    return this.root + path;
  };

  SearchUI.prototype.item = function (page) {
    var meta = page.meta || {};
    var li = element("li", "nashra-result");
    var kind = meta.kind || "";
    if (kind) li.setAttribute("data-kind", kind);
    var title = element("h2", "nashra-result__title");
    var link = element("a", "nashra-result__link", meta.title || page.raw_url);
    link.href = this.href(page);
    title.appendChild(link);
    li.appendChild(title);
    var line = element("p", "nashra-result__meta");
    var bits = [];
    if (kind) bits.push(element("span", "nashra-result__kind", this.text("search_kind_" + kind) || kind));
    if (meta.date && meta.date_label) { /* entity pages carry a date to sort by, not to show */
      var time = element("time", "", meta.date_label);
      time.setAttribute("datetime", meta.date);
      bits.push(time);
    }
    if (meta.source) bits.push(element("bdi", "nashra-result__source", meta.source));
    bits.forEach(function (bit, i) {
      if (i) {
        var sep = element("span", "nashra-result__sep", " · ");
        sep.setAttribute("aria-hidden", "true");
        line.appendChild(sep);
      }
      line.appendChild(bit);
    });
    if (bits.length) li.appendChild(line);
    var excerpt = element("p", "nashra-result__excerpt");
    appendExcerpt(excerpt, page.excerpt, this.queryForms);
    if (!excerpt.textContent.trim() && meta.summary) excerpt.textContent = meta.summary;
    li.appendChild(excerpt);
    return li;
  };

  SearchUI.prototype.setStatus = function (text) {
    if (this.status.textContent !== text) this.status.textContent = text;
  };

  function start() {
    var box = byId("nashra-search");
    if (!box || box.getAttribute("data-started")) return;
    box.setAttribute("data-started", "true");
    new SearchUI(box).start();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
