/* Pagefind over file:// (Pagefind 1.5.2, pinned).
 *
 * Browsers refuse module imports and fetch() on file:// pages, so Pagefind cannot start
 * there. nashra.search.write_offline_bundle writes, under <bundle>/offline/:
 *   - pagefind.js as a classic script that sets self.__nashraPagefind (its exports);
 *   - every file Pagefind fetches (entry, pf_meta, wasm, index/filter/fragment chunks)
 *     as "<path>.js", a script that stores the file's bytes (base64) in
 *     self.__nashraPagefindFiles[<path>].
 * NashraPagefindOffline.load(bundleUrl) patches fetch() for URLs inside the bundle: each
 * such fetch injects the matching <script> once, on demand (only what a query needs),
 * and answers with a Response over the decoded bytes. Other URLs go to the real fetch.
 * search.js loads this file only when location.protocol is "file:".
 */
(function () {
  "use strict";
  if (window.NashraPagefindOffline) return;

  var registry = self.__nashraPagefindFiles || (self.__nashraPagefindFiles = {});
  var cache = Object.create(null); /* bundle path -> Promise<Uint8Array> */
  var loaded = []; /* bundle paths in load order, for measurement and tests */
  var base = null; /* absolute bundle URL, ending in "/" */
  var realFetch = null;

  function inject(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.async = true;
      script.onload = function () { script.remove(); resolve(); };
      script.onerror = function () { script.remove(); reject(new Error("not in the offline bundle: " + src)); };
      document.head.appendChild(script);
    });
  }

  function decode(b64) {
    var binary = atob(b64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  function file(path) {
    if (!cache[path]) {
      cache[path] = inject(base + "offline/" + path + ".js").then(function () {
        var b64 = registry[path];
        delete registry[path]; /* keep one copy: the decoded bytes */
        if (typeof b64 !== "string") throw new Error("offline bundle file did not register: " + path);
        loaded.push(path);
        return decode(b64);
      });
      cache[path].catch(function () { delete cache[path]; });
    }
    return cache[path];
  }

  /* The bundle-relative path of a fetch() input, or null when it is not ours. */
  function bundlePath(input) {
    var raw = typeof input === "string" ? input : input && (input.href || input.url);
    if (!raw || !base) return null;
    var url;
    try { url = new URL(raw, document.baseURI); } catch (error) { return null; }
    url.search = "";
    url.hash = "";
    if (url.href.indexOf(base) !== 0) return null;
    var path = url.href.slice(base.length);
    return /^[A-Za-z0-9_-][A-Za-z0-9_.\/-]*$/.test(path) && path.indexOf("..") < 0 ? path : null;
  }

  function patchFetch() {
    if (realFetch) return;
    realFetch = window.fetch;
    window.fetch = function (input, init) {
      var path = bundlePath(input);
      if (path === null) return realFetch.call(window, input, init);
      return file(path).then(
        function (bytes) {
          return new Response(bytes, { status: 200, headers: { "Content-Type": "application/octet-stream" } });
        },
        function () {
          return new Response("", { status: 404, statusText: "Not Found" });
        }
      );
    };
  }

  function load(bundleUrl) {
    base = new URL(bundleUrl, document.baseURI).href.replace(/\/?$/, "/");
    patchFetch();
    if (self.__nashraPagefind) return Promise.resolve(self.__nashraPagefind);
    return inject(base + "offline/pagefind.js").then(function () {
      if (!self.__nashraPagefind) throw new Error("offline pagefind.js did not start");
      return self.__nashraPagefind;
    });
  }

  window.NashraPagefindOffline = {
    load: load,
    loaded: function () { return loaded.slice(); },
  };
})();
