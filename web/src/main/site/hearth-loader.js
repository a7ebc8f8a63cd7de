// Loads Hearth's Java, compiled by TeaVM, picking the WASM-GC bundle where the browser supports
// WebAssembly GC and the JS bundle otherwise. `?bundle=js` or `?bundle=wasm-gc` forces one.
// Exposes window.Hearth with promise-returning calls into Java (see dev.hearth.web.bridge.JsBridge).
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

  function call(op, args) {
    return ready.then(function () {
      return new Promise(function (resolve, reject) {
        window.HearthBridge.invoke(op, JSON.stringify(args || {}), function (ok, payload) {
          if (ok) {
            resolve(JSON.parse(payload));
          } else {
            reject(new Error(payload));
          }
        });
      });
    });
  }

  /**
   * Hearth's Java in a dedicated worker: the same operations as Hearth._call, run off the main
   * thread. Resolves to {bundle, call(op, args), terminate()}.
   */
  function startWorker(options) {
    var opts = options || {};
    var w = new Worker(url('hearth-worker.js' + (opts.bundle ? '?bundle=' + opts.bundle : '')));
    var next = 1;
    var waiting = {};
    return new Promise(function (resolve, reject) {
      w.onerror = function (e) { reject(new Error('the Hearth worker failed to start: ' + (e.message || e))); };
      w.onmessage = function (e) {
        var m = e.data;
        if (m.kind === 'ready') {
          resolve({
            bundle: m.bundle,
            call: function (op, args) {
              return new Promise(function (res, rej) {
                var id = next++;
                waiting[id] = {res: res, rej: rej};
                w.postMessage({kind: 'call', id: id, op: op, args: JSON.stringify(args || {})});
              });
            },
            terminate: function () { w.terminate(); }
          });
        } else if (m.kind === 'failed') {
          reject(new Error('the Hearth worker failed to start: ' + m.message));
        } else if (m.kind === 'result') {
          var p = waiting[m.id];
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

  /**
   * An inference engine with one interface wherever it runs: in a worker (default) or in the page
   * ({inPage: true}). Methods: load({url, backend, ...}), generate({prompt, n, eog}), logits({prompt, pos}),
   * cancel(), unload(); each returns a promise.
   */
  function createEngine(options) {
    var opts = options || {};
    var host = opts.inPage ? Promise.resolve({bundle: bundle, call: call, terminate: function () {}})
        : startWorker(opts);
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
    /**
     * DOM tools on this page. snapshot({maxChars, diff}) resolves to {text, refs: [{ref, role, name}], url, title, truncated};
     * act(tool, args) (or act({tool, args})) resolves to {ok, message, changes, url, ...}: ok false with a message
     * saying what to do when the action could not be done (a stale ref, a disabled or covered element).
     */
    dom: {
      snapshot: function (options) { return call('dom.snapshot', options || {}); },
      act: function (tool, args) {
        var req = typeof tool === 'object' && tool !== null ? tool : {tool: tool, args: args || {}};
        return call('dom.act', {tool: req.tool, args: req.args || {}});
      }
    },
    _call: call
  };
})();
