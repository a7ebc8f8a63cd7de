// Loads Hearth's Java, compiled by TeaVM, picking the WASM-GC bundle where the browser supports
// WebAssembly GC and the JS bundle otherwise. `?bundle=js` or `?bundle=wasm-gc` forces one.
// Exposes window.Hearth (types and documentation: hearth.d.ts beside this file): createEngine with
// model download, caching and progress, OpenAI-shaped chat completions, Hearth.cache, Hearth.dom,
// and the low-level calls into Java (see dev.hearth.web.bridge.JsBridge).
(function () {
  'use strict';

  // A minimal module whose type section declares one GC struct type: valid only with WebAssembly GC.
  var GC_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 95, 1, 127, 0]);

  function wasmGcSupported() {
    try {
      return typeof WebAssembly === 'object' && WebAssembly.validate(GC_PROBE);
    } catch (e) {
      return false;
    }
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error('could not load ' + src)); };
      document.head.appendChild(s);
    });
  }

  var base = (document.currentScript && document.currentScript.src) || location.href;
  function url(path) { return new URL(path, base).href; }

  var ready = new Promise(function (resolve) {
    window.HearthBridge = { onReady: resolve };
  });

  // A page whose Content-Security-Policy forbids eval (an extension page, a strict intranet page) asks for
  // the JS bundle with <script src="hearth-loader.js" data-bundle="js">: TeaVM's WASM-GC runtime builds
  // its JS glue with new Function.
  var forced = new URLSearchParams(location.search).get('bundle')
      || (document.currentScript && document.currentScript.getAttribute('data-bundle'));
  var gc = wasmGcSupported();
  var bundle = forced === 'js' || forced === 'wasm-gc' ? forced : (gc ? 'wasm-gc' : 'js');
  var why = forced ? 'forced by ?bundle=' + forced : (gc ? 'this browser supports WebAssembly GC'
      : 'no WebAssembly GC support here');

  var started;
  if (bundle === 'wasm-gc') {
    started = loadScript(url('wasm/hearth.wasm-runtime.js')).then(function () {
      return TeaVM.wasmGC.load(url('wasm/hearth.wasm'));
    }).then(function (teavm) {
      teavm.exports.main(['wasm-gc']);
    });
  } else {
    started = loadScript(url('js/hearth.js')).then(function () {
      main(['js']);
    });
  }

  // ------------------------------------------------------------------ errors

  /** Base of Hearth's errors; code is the class name without the Hearth prefix. */
  class HearthError extends Error {
    constructor(message, props) {
      super(message);
      Object.assign(this, props || {});
    }
    get name() { return this.constructor.errorName; }
    get code() { return this.constructor.errorName.replace(/^Hearth/, ''); }
  }
  HearthError.errorName = 'HearthError';
  function errorClass(name) {
    const c = class extends HearthError {};
    c.errorName = name;
    Object.defineProperty(c, 'name', {value: name});
    return c;
  }
  const HearthModelLoadError = errorClass('HearthModelLoadError');
  const HearthNoWebGpuError = errorClass('HearthNoWebGpuError');
  const HearthModelTooLargeError = errorClass('HearthModelTooLargeError');
  const HearthQuotaError = errorClass('HearthQuotaError');
  const HearthAbortError = errorClass('HearthAbortError');
  const HearthRequestError = errorClass('HearthRequestError');

  /** The Java class named at the start of an error message ("GgufFormatException: ..."). */
  function javaClass(message) {
    const m = /^([A-Za-z_$][\w$]*(?:Exception|Error)): /.exec(message);
    return m ? m[1] : '';
  }

  /**
   * A Hearth error for a failed Java call. during: 'load' (anything unexpected is a load error) or 'chat'.
   */
  function fromJava(e, during) {
    if (e instanceof HearthError) {
      return e;
    }
    const message = String(e && e.message || e);
    const cls = javaClass(message);
    const text = cls ? message.substring(cls.length + 2) : message;
    if (cls === 'CompletionCancelledException') {
      return new HearthAbortError(text);
    }
    if (cls === 'GpuLimitException' || cls === 'OutOfMemoryError') {
      return new HearthModelTooLargeError(text + '. Try a smaller or more quantized model (Q4_0, Q4_K_M), '
          + "or backend 'wasm-cpu'.");
    }
    if (cls === 'ChatRequestException' || cls === 'ChatTemplateException') {
      return new HearthRequestError(text);
    }
    if (during === 'load') {
      return new HearthModelLoadError('the model could not be loaded: ' + message);
    }
    return new HearthError(message);
  }

  function abortError(what) {
    return new HearthAbortError(what + ' was aborted by the caller');
  }

  // ------------------------------------------------------------------ hosts: where Hearth's Java runs

  // Blobs the Java side reads slice by slice (dev.hearth.web.engine.BlobSource), by handle.
  window.HearthFiles = {};
  let nextCallId = 1;

  /**
   * A host runs Java operations: start(op, args, onEvent, files) -> {id, result}, where onEvent gets each
   * event the operation emits (parsed JSON) before result settles; cancel(id); call(op, args) -> result.
   */
  const pageHost = {
    bundle: bundle,
    start: function (op, args, onEvent, files) {
      const id = nextCallId++;
      if (files) {
        Object.assign(window.HearthFiles, files);
      }
      const result = ready.then(function () {
        return new Promise(function (resolve, reject) {
          window.HearthBridge.call(op, JSON.stringify(args || {}), id, function (ok, payload) {
            if (ok) {
              resolve(JSON.parse(payload));
            } else {
              reject(new Error(payload));
            }
          }, function (payload) {
            // Delivered after Java's own call returns, never inside it.
            if (onEvent) {
              queueMicrotask(function () { onEvent(JSON.parse(payload)); });
            }
          });
        });
      });
      return {id: id, result: result};
    },
    cancel: function (id) { ready.then(function () { window.HearthBridge.cancel(id); }); },
    call: function (op, args) { return this.start(op, args).result; },
    forget: function (files) { Object.keys(files || {}).forEach(function (h) { delete window.HearthFiles[h]; }); },
    terminate: function () {}
  };

  function call(op, args) {
    return pageHost.call(op, args);
  }

  /** Hearth's Java in a dedicated worker: the same host interface as pageHost, run off the main thread. */
  function startWorker(options) {
    const opts = options || {};
    const w = new Worker(url('hearth-worker.js' + (opts.bundle ? '?bundle=' + opts.bundle : '')));
    const waiting = {};
    return new Promise(function (resolve, reject) {
      w.onerror = function (e) { reject(new Error('the Hearth worker failed to start: ' + (e.message || e))); };
      w.onmessage = function (e) {
        const m = e.data;
        const p = waiting[m.id];
        if (m.kind === 'ready') {
          resolve({
            bundle: m.bundle,
            start: function (op, args, onEvent, files) {
              const id = nextCallId++;
              const result = new Promise(function (res, rej) {
                waiting[id] = {res: res, rej: rej, onEvent: onEvent};
                w.postMessage({kind: 'call', id: id, op: op, args: JSON.stringify(args || {}), files: files || null});
              });
              return {id: id, result: result};
            },
            cancel: function (id) { w.postMessage({kind: 'cancel', id: id}); },
            call: function (op, args) { return this.start(op, args).result; },
            forget: function () {},
            terminate: function () {
              w.terminate();
              Object.keys(waiting).forEach(function (id) {
                waiting[id].rej(new HearthAbortError('the engine was unloaded'));
                delete waiting[id];
              });
            }
          });
        } else if (m.kind === 'failed') {
          reject(new Error('the Hearth worker failed to start: ' + m.message));
        } else if (m.kind === 'event' && p) {
          if (p.onEvent) {
            p.onEvent(JSON.parse(m.payload));
          }
        } else if (m.kind === 'result' && p) {
          delete waiting[m.id];
          if (m.ok) {
            p.res(JSON.parse(m.payload));
          } else {
            p.rej(new Error(m.payload));
          }
        }
      };
    });
  }

  // ------------------------------------------------------------------ progress

  /** Turns byte counts per phase into {phase, loaded, total, bytesPerSecond, etaSeconds, fromCache, url}. */
  function progressReporter(onProgress) {
    let phase = null;
    let phaseStart = 0;
    let lastSent = 0;
    return function (p, force) {
      if (!onProgress) {
        return;
      }
      const now = performance.now();
      if (p.phase !== phase) {
        phase = p.phase;
        phaseStart = now;
        force = true;
      }
      const done = p.total > 0 && p.loaded >= p.total;
      if (!force && !done && now - lastSent < 100) {
        return;
      }
      lastSent = now;
      const seconds = (now - phaseStart) / 1000;
      const rate = seconds > 0 ? p.loaded / seconds : 0;
      const event = {
        phase: p.phase,
        loaded: p.loaded,
        total: p.total || 0,
        bytesPerSecond: rate,
        etaSeconds: p.total > 0 && rate > 0 ? Math.max(0, (p.total - p.loaded) / rate) : (done ? 0 : null),
        fromCache: !!p.fromCache
      };
      if (p.url) {
        event.url = p.url;
      }
      try {
        onProgress(event);
      } catch (e) {
        console.error('onProgress threw', e);
      }
    };
  }

  // ------------------------------------------------------------------ the model cache (Cache Storage)

  // Layout of the 'hearth-models' cache. A model's bytes are fetched as HTTP ranges of PIECE bytes; each
  // answer is taken as a Blob (the browser holds it; its bytes never pass through JS) and put under a
  // fresh key (https://hearth.invalid/bytes/<time>-<random>?url=...), and progress is reported per
  // piece. (Piping the body through a counting stream instead grew the JS heap by 40-60% of the file
  // while downloading; Cache Storage refuses 206 answers as they are.) Only after every piece of every
  // part has arrived in full and passed the checks is the model's record written
  // (https://hearth.invalid/model?url=...: JSON {url, parts: [{url, size, pieces: [{key, size}]}], size,
  // date}). Pieces without a record are never read, and are deleted when their download fails or, left
  // by a closed tab, an hour later. A server that ignores ranges gets one request, put as one piece.
  const PIECE = 16 << 20;
  /** Pieces in flight at once (several requests hide each one's latency). */
  const PARALLEL = 3;
  const CACHE_NAME = 'hearth-models';
  const KEY_BASE = 'https://hearth.invalid/';
  const ORPHAN_MS = 3600 * 1000;

  function cacheAvailable() {
    return typeof caches !== 'undefined' && window.isSecureContext;
  }
  function recordKey(modelUrl) { return KEY_BASE + 'model?url=' + encodeURIComponent(modelUrl); }
  function bytesKey(partUrl) {
    return KEY_BASE + 'bytes/' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 10)
        + '?url=' + encodeURIComponent(partUrl);
  }
  function mb(bytes) { return (bytes / 1048576).toFixed(1) + ' MB'; }

  async function readRecords(cache) {
    const out = [];
    for (const req of await cache.keys()) {
      if (req.url.startsWith(KEY_BASE + 'model?')) {
        const r = await cache.match(req);
        out.push(await r.json());
      }
    }
    return out;
  }

  /** A complete cached model: {record, blobs} (one Blob per part), or null (an inconsistent record is removed). */
  async function cachedModel(modelUrl) {
    if (!cacheAvailable()) {
      return null;
    }
    const cache = await caches.open(CACHE_NAME);
    const r = await cache.match(recordKey(modelUrl));
    if (!r) {
      return null;
    }
    const record = await r.json();
    const blobs = [];
    for (const part of record.parts) {
      const pieces = [];
      for (const piece of part.pieces || []) {
        const b = await cache.match(piece.key);
        const blob = b ? await b.blob() : null; // on disk: read by slices later, never whole
        if (!blob || blob.size !== piece.size) {
          await deleteCached(modelUrl);
          return null;
        }
        pieces.push(blob);
      }
      const whole = pieces.length === 1 ? pieces[0] : new Blob(pieces); // joined by reference, not copied
      if (whole.size !== part.size) {
        await deleteCached(modelUrl);
        return null;
      }
      blobs.push(whole);
    }
    return {record: record, blobs: blobs};
  }

  function pieceKeys(record) {
    const keys = [];
    record.parts.forEach(function (p) { (p.pieces || []).forEach(function (x) { keys.push(x.key); }); });
    return keys;
  }

  async function deleteCached(modelUrl) {
    if (!cacheAvailable()) {
      return false;
    }
    const cache = await caches.open(CACHE_NAME);
    const r = await cache.match(recordKey(modelUrl));
    if (!r) {
      return false;
    }
    const record = await r.json();
    await cache.delete(recordKey(modelUrl));
    for (const key of pieceKeys(record)) {
      await cache.delete(key);
    }
    return true;
  }

  /** Deletes pieces that no record names and that are older than an hour (a download that never finished). */
  async function collectOrphans(cache) {
    const named = new Set();
    (await readRecords(cache)).forEach(function (rec) { pieceKeys(rec).forEach(function (k) { named.add(k); }); });
    for (const req of await cache.keys()) {
      const m = /^https:\/\/hearth\.invalid\/bytes\/([0-9a-z]+)-/.exec(req.url);
      if (m && !named.has(req.url) && Date.now() - parseInt(m[1], 36) > ORPHAN_MS) {
        await cache.delete(req);
      }
    }
  }

  async function estimate() {
    if (!navigator.storage || !navigator.storage.estimate) {
      return {usage: 0, quota: Infinity};
    }
    const e = await navigator.storage.estimate();
    return {usage: e.usage || 0, quota: e.quota || 0};
  }

  function quotaError(needed, free, quota, usage) {
    return new HearthQuotaError('the model needs ' + mb(needed) + ' of browser storage but this site may store only '
        + mb(Math.max(0, free)) + ' more (quota ' + mb(quota) + ', used ' + mb(usage) + '). Delete cached models '
        + '(Hearth.cache.list(), Hearth.cache.delete(url)), free disk space, or load with {cache: false} to read the '
        + 'model from the network each time.', {neededBytes: needed, freeBytes: Math.max(0, free)});
  }

  async function ensureQuota(needed) {
    const e = await estimate();
    if (needed > e.quota - e.usage) {
      throw quotaError(needed, e.quota - e.usage, e.quota, e.usage);
    }
  }

  /** Checks the first bytes: the GGUF magic and a version this reader knows. */
  async function checkGgufHeader(blob, partUrl) {
    const h = new DataView(await blob.slice(0, 8).arrayBuffer());
    const magic = h.byteLength >= 8 ? String.fromCharCode(h.getUint8(0), h.getUint8(1), h.getUint8(2), h.getUint8(3)) : '';
    if (magic !== 'GGUF') {
      throw new HearthModelLoadError(partUrl + ' is not a GGUF file (it starts with "' + magic.replace(/[^ -~]/g, '?')
          + '"); check the URL: it should name a .gguf file (on Hugging Face: .../resolve/main/NAME.gguf, not .../blob/...)');
    }
    const version = h.getUint32(4, true);
    if (version !== 2 && version !== 3) {
      throw new HearthModelLoadError(partUrl + ' is GGUF version ' + version + '; Hearth reads versions 2 and 3');
    }
  }

  function httpError(resp, partUrl) {
    return new HearthModelLoadError('HTTP ' + resp.status + ' for ' + partUrl + (resp.status === 404
        ? ': no such file; check the URL (Hugging Face file URLs look like https://huggingface.co/ORG/REPO/resolve/main/FILE.gguf)'
        : resp.status === 401 || resp.status === 403 ? ': the file needs a login (a gated model); download it yourself and load it as a local File'
        : ''), {status: resp.status});
  }

  async function fetchRange(partUrl, start, end, signal) {
    try {
      return await fetch(partUrl, {headers: {Range: 'bytes=' + start + '-' + end}, signal: signal});
    } catch (e) {
      throw signal && signal.aborted ? abortError('the download') : new HearthModelLoadError('could not download '
          + partUrl + ': ' + e.message + ' (offline, a wrong host, or a server that does not allow this origin (CORS))');
    }
  }

  /** Bytes start, end and total of a 206 answer's Content-Range ("bytes 0-99/1234"), or null. */
  function contentRange(resp) {
    const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(resp.headers.get('Content-Range') || '');
    return m ? {start: Number(m[1]), end: Number(m[2]), total: Number(m[3])} : null;
  }

  /**
   * Downloads one file into the cache piece by piece (see the layout above); onBytes(n, fileSize) after
   * each piece stored (fileSize -1 when unknown). Resolves to {size, pieces: [{key, size}], blob}.
   * Every key it writes goes into written first.
   */
  async function downloadPart(cache, partUrl, signal, onBytes, written) {
    let done = 0;
    let total = -1;
    function interrupted(e) {
      return signal && signal.aborted ? abortError('the download') : new HearthModelLoadError('the download of ' + partUrl
          + ' was interrupted after ' + done + ' of ' + (total > 0 ? total : '?') + ' bytes (' + (e && e.message || e)
          + '); nothing was kept, load again to retry');
    }
    async function store(resp, expected) {
      let body;
      try {
        body = await resp.blob();
      } catch (e) {
        throw interrupted(e);
      }
      if (expected >= 0 && body.size !== expected) {
        throw interrupted(body.size + ' bytes arrived for a piece of ' + expected);
      }
      const key = bytesKey(partUrl);
      written.push(key);
      try {
        await cache.put(key, new Response(body, {headers: {'Content-Type': 'application/octet-stream'}}));
      } catch (e) {
        if (e && e.name === 'QuotaExceededError') {
          const q = await estimate();
          throw quotaError(total > 0 ? total : expected, q.quota - q.usage, q.quota, q.usage);
        }
        throw interrupted(e);
      }
      const stored = await cache.match(key);
      const blob = stored ? await stored.blob() : null; // the cached copy: the downloaded one can go
      if (!blob || blob.size !== body.size) {
        throw interrupted('the cache kept ' + (blob ? blob.size : 0) + ' of ' + body.size + ' bytes');
      }
      done += blob.size;
      onBytes(blob.size, total);
      return {key: key, size: blob.size, blob: blob};
    }

    const first = await fetchRange(partUrl, 0, PIECE - 1, signal);
    if (!first.ok) {
      throw httpError(first, partUrl);
    }
    const range = first.status === 206 ? contentRange(first) : null;
    if (!range) {
      // No ranges: the whole file in this one answer, stored as one piece.
      const encoded = first.headers.get('Content-Encoding');
      const length = encoded && encoded !== 'identity' ? -1 : Number(first.headers.get('Content-Length') || -1);
      total = length;
      if (length > 0) {
        await ensureQuota(length);
      }
      const one = await store(first, length);
      return {size: one.size, pieces: [{key: one.key, size: one.size}], blob: one.blob};
    }
    total = range.total;
    await ensureQuota(total);
    const ranges = [];
    for (let at = 0; at < total; at += PIECE) {
      ranges.push({start: at, end: Math.min(total, at + PIECE) - 1});
    }
    const results = new Array(ranges.length);
    let next = 0;
    let failed = null;
    async function worker() {
      while (next < ranges.length && !failed) {
        const i = next++;
        const r = ranges[i];
        try {
          const resp = i === 0 ? first : await fetchRange(partUrl, r.start, r.end, signal);
          const cr = resp.status === 206 ? contentRange(resp) : null;
          if (!cr || cr.start !== r.start || cr.end !== r.end || cr.total !== total) {
            throw resp.ok ? new HearthModelLoadError(partUrl + ' answered bytes ' + (cr ? cr.start + '-' + cr.end + '/'
                + cr.total : 'without a Content-Range') + ' for bytes ' + r.start + '-' + r.end + '/' + total
                + '; the file changed on the server during the download, load again') : httpError(resp, partUrl);
          }
          results[i] = await store(resp, r.end - r.start + 1);
        } catch (e) {
          failed = failed || e;
        }
      }
    }
    const workers = [];
    for (let w = 0; w < Math.min(PARALLEL, ranges.length); w++) {
      workers.push(worker());
    }
    await Promise.all(workers);
    if (failed) {
      throw failed;
    }
    return {
      size: total,
      pieces: results.map(function (x) { return {key: x.key, size: x.size}; }),
      blob: results.length === 1 ? results[0].blob : new Blob(results.map(function (x) { return x.blob; }))
    };
  }

  /**
   * Downloads every part into the cache, reporting progress, and commits the model's record only when
   * all parts are complete and checked. Resolves to the parts' Blobs (on disk, read by slices).
   */
  async function downloadToCache(modelUrl, partUrls, signal, report) {
    const cache = await caches.open(CACHE_NAME);
    await collectOrphans(cache);
    const written = [];
    const parts = [];
    const blobs = [];
    let before = 0; // bytes of the parts already done
    // Every part's size first (HEAD), for the quota check and a progress total over all parts.
    let grandTotal = 0;
    if (partUrls.length > 1) {
      for (const partUrl of partUrls) {
        const h = await fetch(partUrl, {method: 'HEAD', signal: signal}).catch(function () { return null; });
        const n = h && h.ok ? Number(h.headers.get('Content-Length') || 0) : 0;
        grandTotal = n > 0 && grandTotal >= 0 ? grandTotal + n : -1;
      }
      if (grandTotal > 0) {
        await ensureQuota(grandTotal);
      }
    }
    try {
      for (const partUrl of partUrls) {
        report({phase: 'download', loaded: before, total: Math.max(0, grandTotal), url: partUrl}, true);
        let loaded = 0;
        const part = await downloadPart(cache, partUrl, signal, function (n, fileSize) {
          loaded += n;
          report({phase: 'download', loaded: before + loaded,
            total: Math.max(0, partUrls.length === 1 ? fileSize : grandTotal), url: partUrl});
        }, written);
        report({phase: 'download', loaded: before + part.size, total: partUrls.length === 1 ? part.size
          : Math.max(0, grandTotal), url: partUrl}, true);
        report({phase: 'verify', loaded: 0, total: 1, url: partUrl}, true);
        await checkGgufHeader(part.blob, partUrl);
        report({phase: 'verify', loaded: 1, total: 1, url: partUrl}, true);
        parts.push({url: partUrl, size: part.size, pieces: part.pieces});
        blobs.push(part.blob);
        before += part.size;
      }
      const record = {url: modelUrl, parts: parts, size: before, date: new Date().toISOString()};
      await cache.put(recordKey(modelUrl), new Response(JSON.stringify(record), {headers: {'Content-Type': 'application/json'}}));
      return blobs;
    } catch (e) {
      for (const key of written) {
        await cache.delete(key);
      }
      throw e;
    }
  }

  // ------------------------------------------------------------------ model sources

  const SPLIT = /-(\d{5})-of-(\d{5})\.gguf$/;

  /** The part URLs of a split model named by any of its parts ("x-00001-of-00003.gguf"), else [u]. */
  function splitParts(u) {
    const path = new URL(u).pathname;
    const m = SPLIT.exec(path);
    if (!m) {
      return [u];
    }
    const n = parseInt(m[2], 10);
    const out = [];
    for (let i = 1; i <= n; i++) {
      const part = path.replace(SPLIT, '-' + String(i).padStart(5, '0') + '-of-' + m[2] + '.gguf');
      const x = new URL(u);
      x.pathname = part;
      out.push(x.href);
    }
    return out;
  }

  /**
   * What the engine reads: {blobs, source, fromCache} (a File, a cached or freshly cached download) or
   * {url, source} (ranges from the network, nothing cached).
   */
  async function resolveModel(model, opts, report) {
    const list = Array.isArray(model) ? model : [model];
    if (list.length === 0) {
      throw new HearthRequestError('model is an empty array; give a URL, the URLs of a split model, or a File');
    }
    if (list.every(function (m) { return m instanceof Blob; })) {
      return {blobs: list, source: list[0].name || 'blob', fromCache: false};
    }
    if (!list.every(function (m) { return typeof m === 'string'; })) {
      throw new HearthRequestError('model must be a URL string, an array of URLs (a split model), a File/Blob or an array of them');
    }
    const partUrls = list.length === 1 ? splitParts(new URL(list[0], location.href).href)
        : list.map(function (u) { return new URL(u, location.href).href; });
    const modelUrl = partUrls[0];
    if (opts.cache === false || !cacheAvailable()) {
      if (partUrls.length > 1) {
        throw new HearthRequestError('split models are read from the cache; load with cache enabled (in a secure context)');
      }
      return {url: modelUrl, source: modelUrl, fromCache: false, cached: false};
    }
    report({phase: 'cache', loaded: 0, total: 0}, true);
    const hit = await cachedModel(modelUrl);
    if (hit) {
      report({phase: 'cache', loaded: hit.record.size, total: hit.record.size, fromCache: true}, true);
      return {blobs: hit.blobs, source: modelUrl, fromCache: true, cached: true};
    }
    const blobs = await downloadToCache(modelUrl, partUrls, opts.signal, report);
    return {blobs: blobs, source: modelUrl, fromCache: false, cached: true};
  }

  // ------------------------------------------------------------------ the engine

  let nextFile = 1;

  async function createEngine(options) {
    const opts = options || {};
    if (opts.model === undefined || opts.model === null) {
      throw new HearthRequestError('createEngine needs {model}: a URL, the URLs of a split model, or a File/Blob '
          + '(for the token-id engine use Hearth.createRawEngine())');
    }
    const signal = opts.signal;
    const report = progressReporter(opts.onProgress);
    const wanted = opts.backend || 'auto';
    if (wanted !== 'auto' && wanted !== 'webgpu' && wanted !== 'wasm-cpu') {
      throw new HearthRequestError("backend must be 'auto', 'webgpu' or 'wasm-cpu', got " + JSON.stringify(wanted));
    }
    if (signal && signal.aborted) {
      throw abortError('createEngine');
    }
    const host = opts.worker === false ? pageHost : await startWorker({bundle: opts.bundle});
    const files = {};
    try {
      let backend = 'wasm-cpu';
      let fallbackReason = null;
      if (wanted !== 'wasm-cpu') {
        const gpu = await host.call('gpuInfo');
        if (gpu.available) {
          backend = 'webgpu';
        } else if (wanted === 'webgpu') {
          throw new HearthNoWebGpuError('WebGPU is not available here (' + gpu.reason + "). Use backend 'auto' or "
              + "'wasm-cpu' to run on the CPU, or a browser with WebGPU enabled (Chrome or Edge 113+).");
        } else {
          fallbackReason = 'WebGPU is not available here (' + gpu.reason + '); running on the CPU (wasm-cpu)';
        }
      }
      const file = await resolveModel(opts.model, opts, report);
      if (signal && signal.aborted) {
        throw abortError('createEngine');
      }
      const load = {backend: backend, contextSize: opts.contextSize || 2048};
      if (file.blobs) {
        load.file = 'model-' + nextFile++;
        // A split model's shards as one Blob (Blobs join by reference, nothing is copied); Java reads
        // each shard's header at its offset and the tensors through the whole.
        files[load.file] = file.blobs.length === 1 ? file.blobs[0] : new Blob(file.blobs);
        if (file.blobs.length > 1) {
          load.parts = file.blobs.map(function (b) { return b.size; });
        }
      } else {
        load.url = file.url;
      }
      const started = host.start('engine.load', load, function (e) {
        report({phase: 'load', loaded: e.loaded, total: e.total, fromCache: file.fromCache});
      }, files);
      let info;
      try {
        info = await started.result;
      } catch (e) {
        throw fromJava(e, 'load');
      }
      report({phase: 'ready', loaded: info.fileBytes, total: info.fileBytes, fromCache: file.fromCache}, true);
      const model = {
        source: file.source,
        name: info.name || null,
        architecture: info.architecture,
        layers: info.layers,
        vocab: info.vocab,
        contextSize: info.contextSize,
        fileBytes: info.fileBytes,
        hasChatTemplate: !!(info.chatTemplate || opts.chatTemplate),
        fromCache: file.fromCache
      };
      return engineOn(host, files, model, backend, fallbackReason, opts.chatTemplate || null,
          {blob: load.file ? files[load.file] : null, load: load});
    } catch (e) {
      host.terminate();
      host.forget(files);
      throw e;
    }
  }

  /** The engine object around a host with a loaded model. Calls run one at a time, in order. */
  function engineOn(host, files, model, backend, fallbackReason, chatTemplate, modelFile) {
    let chain = Promise.resolve();
    const live = new Set();
    let unloaded = false;

    /** Queues a Java call: {result, cancel()}; cancelling before it starts rejects without running it. */
    function enqueue(op, args, onEvent, runner) {
      if (unloaded) {
        return {result: Promise.reject(new HearthError('the engine was unloaded; create a new one')), cancel: function () {}};
      }
      const entry = {id: null, cancelled: false};
      entry.result = chain.then(function () {
        if (entry.cancelled) {
          throw abortError('the request');
        }
        if (runner) {
          return runner();
        }
        const c = host.start(op, args, onEvent);
        entry.id = c.id;
        return c.result;
      }).catch(function (e) { throw fromJava(e, 'chat'); }).finally(function () { live.delete(entry); });
      entry.cancel = function () {
        entry.cancelled = true;
        if (entry.id !== null) {
          host.cancel(entry.id);
        }
      };
      live.add(entry);
      chain = entry.result.then(function () {}, function () {});
      return entry;
    }

    function onAbort(signal, entry) {
      if (!signal) {
        return function () {};
      }
      if (signal.aborted) {
        entry.cancel();
      }
      const f = function () { entry.cancel(); };
      signal.addEventListener('abort', f);
      return function () { signal.removeEventListener('abort', f); };
    }

    function request(r) {
      if (!r || typeof r !== 'object') {
        throw new HearthRequestError('create() takes a request object {messages, ...}');
      }
      const req = Object.assign({}, r);
      delete req.signal;
      if (chatTemplate) {
        req.chat_template = chatTemplate;
      }
      return req;
    }

    function create(r) {
      let req;
      try {
        req = request(r);
      } catch (e) {
        return Promise.reject(e);
      }
      if (!req.stream) {
        req.stream = false;
        const entry = enqueue('chat.complete', req, null);
        const detach = onAbort(r.signal, entry);
        return entry.result.finally(detach);
      }
      // Streaming: chunks arrive as events; the iterator hands them out in order, then ends (or throws).
      const chunks = [];
      let finished = false;
      let failure = null;
      let wake = null;
      const entry = enqueue('chat.complete', req, function (chunk) {
        chunks.push(chunk);
        if (wake) {
          wake();
        }
      });
      const detach = onAbort(r.signal, entry);
      entry.result.then(function () { finished = true; }, function (e) { failure = e; })
          .finally(function () { detach(); if (wake) { wake(); } });
      const iterator = {
        next: function () {
          return new Promise(function step(resolve, reject) {
            if (chunks.length) {
              resolve({value: chunks.shift(), done: false});
            } else if (failure) {
              reject(failure);
            } else if (finished) {
              resolve({value: undefined, done: true});
            } else {
              wake = function () { wake = null; step(resolve, reject); };
            }
          });
        },
        return: function () {
          if (!finished && !failure) {
            entry.cancel();
            entry.result.catch(function () {});
          }
          finished = true;
          chunks.length = 0;
          return Promise.resolve({value: undefined, done: true});
        }
      };
      iterator[Symbol.asyncIterator] = function () { return iterator; };
      return Promise.resolve({
        [Symbol.asyncIterator]: function () { return iterator; },
        abort: function () { entry.cancel(); }
      });
    }

    const engine = {
      chat: {completions: {create: create}},
      backend: backend,
      fallbackReason: fallbackReason,
      bundle: host.bundle,
      model: model,
      interrupt: function () { live.forEach(function (e) { e.cancel(); }); },
      unload: async function () {
        if (unloaded) {
          return;
        }
        live.forEach(function (e) { e.cancel(); });
        await chain;
        unloaded = true;
        try {
          for (const f of engine._onUnload) {
            await f();
          }
          await host.call('engine.unload');
        } finally {
          host.terminate();
          host.forget(files);
        }
      },
      /** For createAgent: a queued call on this engine's host, where it runs, and how the model was loaded. */
      _enqueue: enqueue,
      _host: host,
      _file: modelFile,
      _onUnload: []
    };
    return engine;
  }

  /** A step of the agent's trace (dev.hearth.agent.TraceStep's JSON) as a Hearth.AgentStep. */
  function agentStep(t) {
    const call = t.call || {};
    const args = call.arguments || {};
    const answer = call.name === 'done';
    return {index: t.step, kind: answer ? 'answer' : 'tool', tool: call.name, args: args, result: t.result,
      content: answer ? (args.answer || args.summary || '') : t.raw, ref: args.ref, trace: t};
  }

  /**
   * The agent loop (agent.run) acting on this page's DOM, driven by the engine's model. The loop runs in
   * the page, where the DOM is: an engine created with {worker: false} is used as it is; for a worker
   * engine the page loads its own copy of the model on the first run (from the same Blob, nothing is
   * downloaded again). policy: {maxSteps, page: 'refuse' | 'allow' | 'ask', allowOrigins, tools, systemPrompt}.
   */
  function createAgent(options) {
    const opts = options || {};
    const engine = opts.engine;
    if (!engine || !engine._enqueue) {
      throw new HearthRequestError('createAgent needs {engine}: an engine from Hearth.createEngine');
    }
    const policy = opts.policy || {};
    let inPage = engine._host === pageHost ? Promise.resolve() : null;
    function pageModel() {
      if (!inPage) {
        const files = {};
        const h = 'agent-model-' + nextFile++;
        files[h] = engine._file.blob;
        const load = Object.assign({backend: engine.backend, contextSize: engine.model.contextSize}, engine._file.load);
        delete load.url;
        Object.assign(load, engine._file.blob ? {file: h} : {url: engine._file.load.url});
        inPage = pageHost.start('engine.load', load, null, engine._file.blob ? files : null).result
            .catch(function (e) { inPage = null; throw fromJava(e, 'load'); });
        engine._onUnload.push(function () {
          pageHost.forget(files);
          return pageHost.call('engine.unload');
        });
      }
      return inPage;
    }
    return {
      run: function (task, runOptions) {
        const ro = runOptions || {};
        const signal = ro.signal;
        function onStep(e) {
          if (ro.onStep) {
            ro.onStep(agentStep(JSON.parse(e.detail)));
          }
        }
        function onAbort() { call('agent.cancel'); }
        const args = {task: task, maxSteps: policy.maxSteps || 10, policy: policy.page || 'refuse'};
        // script: the model's calls replayed instead of asked for (tests of the loop and the page)
        ['allowOrigins', 'tools', 'systemPrompt', 'script'].forEach(function (k) {
          if (policy[k] !== undefined) {
            args[k] = policy[k];
          }
        });
        // On the engine's queue, so that no completion runs on the same page engine meanwhile.
        const entry = engine._enqueue(null, null, null, function () {
          return pageModel().then(function () {
            if (signal && signal.aborted) {
              throw abortError('the agent run');
            }
            window.addEventListener('hearth-agent-step', onStep);
            if (signal) {
              signal.addEventListener('abort', onAbort);
            }
            return call('agent.run', args);
          }).finally(function () {
            window.removeEventListener('hearth-agent-step', onStep);
            if (signal) {
              signal.removeEventListener('abort', onAbort);
            }
          });
        });
        return entry.result.then(function (r) {
          return {answer: r.answer || '', steps: (r.trace || []).map(agentStep),
            finish_reason: signal && signal.aborted ? 'aborted' : r.status, status: r.status};
        });
      }
    };
  }

  /**
   * The token-id engine (tests, benchmarks): engine.load / generate / logits without tokenizer or chat
   * template, in a worker (default) or in the page ({inPage: true}). Each method returns a promise.
   */
  function createRawEngine(options) {
    const opts = options || {};
    const host = opts.inPage ? Promise.resolve(pageHost) : startWorker(opts);
    function op(name) {
      return function (args) { return host.then(function (h) { return h.call(name, args); }); };
    }
    return {
      host: host,
      load: op('engine.load'),
      generate: op('engine.generate'),
      logits: op('engine.logits'),
      cancel: op('engine.cancel'),
      /** For tests: destroys the GPU device under the engine, as a driver reset would. */
      loseDevice: op('engine.loseDevice'),
      unload: function () {
        return host.then(function (h) { return h.call('engine.unload').then(function () { h.terminate(); }); });
      }
    };
  }

  window.Hearth = {
    bundle: bundle,
    bundleReason: why,
    wasmGcSupported: gc,
    /** Resolves once the Java side is running. */
    ready: started.then(function () { return ready; }).then(function () { return bundle; }),
    /** The WebGPU adapter: {available, reason} or {available, vendor, architecture, limits, features}. */
    gpuInfo: function () { return call('gpuInfo'); },
    createEngine: createEngine,
    createAgent: createAgent,
    createRawEngine: createRawEngine,
    cache: {
      list: async function () {
        if (!cacheAvailable()) {
          return [];
        }
        const cache = await caches.open(CACHE_NAME);
        await collectOrphans(cache);
        return (await readRecords(cache)).map(function (r) {
          return {url: r.url, size: r.size, date: r.date, parts: r.parts.length};
        });
      },
      delete: function (u) { return deleteCached(new URL(u, location.href).href); },
      estimate: estimate
    },
    /**
     * DOM tools on this page. snapshot({maxChars, diff}) resolves to {text, refs: [{ref, role, name}], url, title, truncated};
     * act(tool, args) (or act({tool, args})) resolves to {ok, message, changes, url, ...}: ok false with a message
     * saying what to do when the action could not be done (a stale ref, a disabled or covered element).
     */
    dom: {
      snapshot: function (options) { return call('dom.snapshot', options || {}); },
      act: function (tool, args) {
        const req = typeof tool === 'object' && tool !== null ? tool : {tool: tool, args: args || {}};
        return call('dom.act', {tool: req.tool, args: req.args || {}});
      }
    },
    /**
     * The agent on this page (engine in the page). load({url, backend, contextSize}); run({task, maxSteps,
     * policy: 'refuse' | 'allow' | 'ask', allowOrigins}) resolves to {status, answer, steps, trace};
     * steps arrive as 'hearth-agent-step' events on window; cancel(). With policy 'ask', set
     * confirm = function ({kind, question}) { return true | false | a promise of one; }.
     */
    agent: {
      load: function (args) { return call('agent.load', args); },
      run: function (args) { return call('agent.run', args); },
      cancel: function () { return call('agent.cancel'); },
      confirm: null
    },
    HearthError: HearthError,
    HearthModelLoadError: HearthModelLoadError,
    HearthNoWebGpuError: HearthNoWebGpuError,
    HearthModelTooLargeError: HearthModelTooLargeError,
    HearthQuotaError: HearthQuotaError,
    HearthAbortError: HearthAbortError,
    HearthRequestError: HearthRequestError,
    _call: call
  };
})();
