// Hosts Hearth's Java in a dedicated Web Worker, so inference never blocks the page.
// Messages in:  {kind: 'call', id, op, args, files}  (args: JSON text; files: {handle: Blob}, optional)
//               {kind: 'cancel', id}                  (asks that call to stop; it notices between steps)
// Messages out: {kind: 'ready', bundle} once; per call any number of {kind: 'event', id, payload}
//               (JSON text: progress, streamed chunks), then one {kind: 'result', id, ok, payload}.
'use strict';

var GC_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 95, 1, 127, 0]);
var forced = new URL(self.location.href).searchParams.get('bundle');
var gc = false;
try {
  gc = WebAssembly.validate(GC_PROBE);
} catch (e) {
  gc = false;
}
var bundle = forced === 'js' || forced === 'wasm-gc' ? forced : (gc ? 'wasm-gc' : 'js');

var pending = [];
var bridge = null;
// Blobs the Java side reads slice by slice (dev.hearth.web.engine.BlobSource), by handle.
self.HearthFiles = {};
self.HearthBridge = {
  onReady: function () {
    bridge = self.HearthBridge;
    postMessage({kind: 'ready', bundle: bundle});
    pending.splice(0).forEach(dispatch);
  }
};

function dispatch(m) {
  if (m.files) {
    Object.assign(self.HearthFiles, m.files);
  }
  bridge.call(m.op, m.args, m.id, function (ok, payload) {
    postMessage({kind: 'result', id: m.id, ok: ok, payload: payload});
  }, function (payload) {
    postMessage({kind: 'event', id: m.id, payload: payload});
  });
}

self.onmessage = function (e) {
  var m = e.data;
  if (m && m.kind === 'cancel') {
    if (bridge) {
      bridge.cancel(m.id);
    }
    return;
  }
  if (!m || m.kind !== 'call') {
    return;
  }
  if (bridge) {
    dispatch(m);
  } else {
    pending.push(m);
  }
};

function fail(e) {
  postMessage({kind: 'failed', message: String(e && e.message || e)});
}

if (bundle === 'wasm-gc') {
  importScripts('wasm/hearth.wasm-runtime.js');
  TeaVM.wasmGC.load('wasm/hearth.wasm').then(function (teavm) {
    teavm.exports.main(['wasm-gc']);
  }).catch(fail);
} else {
  try {
    importScripts('js/hearth.js');
    main(['js']);
  } catch (e) {
    fail(e);
  }
}
