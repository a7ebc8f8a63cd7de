// Hosts Hearth's Java in a dedicated Web Worker, so inference never blocks the page.
// Messages in:  {kind: 'call', id, op, args}  (args: JSON text)
// Messages out: {kind: 'ready', bundle} once, then {kind: 'result', id, ok, payload} per call.
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
self.HearthBridge = {
  onReady: function () {
    bridge = self.HearthBridge;
    postMessage({kind: 'ready', bundle: bundle});
    pending.splice(0).forEach(dispatch);
  }
};

function dispatch(m) {
  bridge.invoke(m.op, m.args, function (ok, payload) {
    postMessage({kind: 'result', id: m.id, ok: ok, payload: payload});
  });
}

self.onmessage = function (e) {
  var m = e.data;
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
