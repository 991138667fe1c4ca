/* Nashra Arabic normalisation for the search box: a port of normalize() and search_terms()
 * from nashra/arabic.py, so that what the reader types is folded exactly as the index was
 * (tests/test_arabic_js.py runs both over the same cases and random text).
 *
 * Classic <script>: sets window.NashraArabic = {normalize, searchTerms, cliticVariants}.
 * Under node: module.exports = the same object. No dependencies, no modules, no lookbehind
 * (older Safari lacks it).
 */
(function (root) {
  "use strict";

  /* ---- character classes: keep in step with nashra/arabic.py ---- */
  var ARABIC_MARKS =
    "\u0600-\u0605\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dd\u06df-\u06e8\u06ea-\u06ed" +
    "\u0890\u0891\u0898-\u089f\u08ca-\u08ff";
  var INVISIBLE =
    "\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f" +
    "\ufe00-\ufe0f\ufeff";
  var REMOVABLE = ARABIC_MARKS + INVISIBLE;
  var TATWEEL = "\u0640";
  var WHITESPACE_CHARS =
    "\t\n\u000b\u000c\r\u001c\u001d\u001e\u001f\u0085\u00a0\u1680" +
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" +
    "\u2028\u2029\u202f\u205f\u3000";
  var ARABIC_LETTERS =
    "\u0620-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff" +
    "\u0750-\u077f\u08a0-\u08c9";
  var OTHER_WORD_CHARS =
    "0-9A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0300-\u036f" +
    "\u0370-\u03ff\u0400-\u052f\u1e00-\u1eff";
  var PRESENTATION = "\ufb50-\ufdff\ufe70-\ufeff";

  var LETTER_FOLDS = {
    "\u0627": "\u0623\u0625\u0622\u0671\u0672\u0673\u0675", /* ا ← أ إ آ ٱ ٲ ٳ ٵ */
    "\u064a": "\u0649\u0626\u06cc\u06d0\u06d2\u06d3\u0678", /* ي ← ى ئ ی ې ے ۓ ٸ */
    "\u0647": "\u0629\u06c0\u06d5\u06c1\u06c2\u06c3\u06be", /* ه ← ة ۀ ە ہ ۂ ۃ ھ */
    "\u0648": "\u0624\u0676\u0677", /* و ← ؤ ٶ ٷ */
    "\u0643": "\u06a9\u06aa\u06af\u06ad", /* ك ← ک ڪ گ ڭ */
    "\u0628": "\u067e", /* ب ← پ */
    "\u0641": "\u06a4\u06a5", /* ف ← ڤ ڥ */
    "\u062c": "\u0686", /* ج ← چ */
    "\u0632": "\u0698", /* ز ← ژ */
    "\u0642": "\u06a7\u06a8", /* ق ← ڧ ڨ */
    ".": "\u066b",
    ",": "\u066c",
    "%": "\u066a"
  };
  var CASE_RANGES = [[0x0041, 0x058f], [0x1e00, 0x1fff]];

  /* The one-for-one fold table (letters, digits, case, white space) and a regex of its keys. */
  function foldTable() {
    var table = {};
    CASE_RANGES.forEach(function (range) {
      for (var cp = range[0]; cp <= range[1]; cp++) {
        var ch = String.fromCharCode(cp);
        var lower = ch.toLowerCase();
        if (lower.length === 1 && lower !== ch) table[ch] = lower;
      }
    });
    table["\u0130"] = "i";
    Object.keys(LETTER_FOLDS).forEach(function (target) {
      LETTER_FOLDS[target].split("").forEach(function (ch) { table[ch] = target; });
    });
    for (var digit = 0; digit < 10; digit++) {
      table[String.fromCharCode(0x0660 + digit)] = String(digit);
      table[String.fromCharCode(0x06f0 + digit)] = String(digit);
    }
    WHITESPACE_CHARS.split("").forEach(function (ch) { table[ch] = " "; });
    return table;
  }

  function charClass(chars) {
    return "[" + chars.map(function (ch) {
      return "\\u" + ("000" + ch.charCodeAt(0).toString(16)).slice(-4);
    }).join("") + "]";
  }

  var FOLD = foldTable();
  var FOLD_RE = new RegExp(charClass(Object.keys(FOLD)), "g");
  var PRESENTATION_RE = new RegExp("[" + PRESENTATION + "]", "g");
  var REWRITE_RE = new RegExp(
    "(\u064a(?:[" + REMOVABLE + TATWEEL + "]*\u0621)+)" +
    "|([" + REMOVABLE + "]*" + TATWEEL + "[" + TATWEEL + REMOVABLE + "]*)" +
    "|( [ " + REMOVABLE + "]+)" +
    "|([" + REMOVABLE + "]+)",
    "g"
  );
  var ARABIC_LETTER_RE = new RegExp("^[" + ARABIC_LETTERS + "]$");
  var TOKEN_RE = new RegExp("[" + ARABIC_LETTERS + "]+|[" + OTHER_WORD_CHARS + "]+", "g");
  var ARABIC_WORD_RE = new RegExp("^[" + ARABIC_LETTERS + "]+$");

  function isJoining(text, index) {
    return index >= 0 && index < text.length && ARABIC_LETTER_RE.test(text.charAt(index));
  }

  /* The search key: see the docstring of nashra/arabic.py for every rule. */
  function normalize(text) {
    var source = String(text);
    source = source.replace(PRESENTATION_RE, function (ch) { return ch.normalize("NFKC"); });
    var folded = source.replace(FOLD_RE, function (ch) { return FOLD[ch]; });
    return folded.replace(REWRITE_RE, function (match, yahamza, tatweel, space, removable, offset) {
      if (yahamza) return "\u064a";
      if (space) return " ";
      if (removable) return "";
      /* tatweel: elongation (deleted) unless it touches no Arabic letter (a dash) */
      var attached = isJoining(folded, offset - 1) || isJoining(folded, offset + match.length);
      return attached ? "" : "-";
    });
  }

  var CONJUNCTIONS = "\u0648\u0641"; /* و ف */
  var PREPOSITIONS = "\u0628\u0644\u0643"; /* ب ل ك */
  var MIN_STEM = 2;

  function stripPreposition(word) {
    var forms = [];
    if (word && PREPOSITIONS.indexOf(word.charAt(0)) >= 0 && word.length - 1 >= MIN_STEM) {
      forms.push(word.slice(1));
    }
    if (word.slice(0, 2) === "\u0644\u0644" && word.length - 2 >= MIN_STEM) {
      forms.push("\u0627" + word.slice(1));
    }
    return forms;
  }

  function unique(values) {
    var seen = Object.create(null);
    return values.filter(function (v) {
      if (seen[v]) return false;
      seen[v] = true;
      return true;
    });
  }

  /* The normalised word, then the forms with attached proclitics stripped. */
  function cliticVariants(word) {
    var w = normalize(word).trim();
    if (!w) return [];
    if (!ARABIC_WORD_RE.test(w)) return [w];
    var forms = [w].concat(stripPreposition(w));
    if (CONJUNCTIONS.indexOf(w.charAt(0)) >= 0 && w.length - 1 >= MIN_STEM) {
      forms = forms.concat([w.slice(1)], stripPreposition(w.slice(1)));
    }
    return unique(forms);
  }

  /* Normalised words and their clitic-stripped forms, first-seen order, no repeats. */
  function searchTerms(text) {
    var words = normalize(text).match(TOKEN_RE) || [];
    var forms = [];
    words.forEach(function (word) { forms = forms.concat(cliticVariants(word)); });
    return unique(forms).join(" ");
  }

  var api = { normalize: normalize, searchTerms: searchTerms, cliticVariants: cliticVariants };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (root) root.NashraArabic = api;
})(typeof window !== "undefined" ? window : null);
