// The demo page: pick and load a model (with progress, from the cache when it is there), chat with it,
// and let the agent act on the sample intranet app shown in the frame, step by step.
// URL parameters: ?model=URL fills the model field; &backend=webgpu|wasm-cpu|auto picks the backend;
// &max_tokens=N caps each chat reply (default 256); agent_steps, agent_context, agent_tools, agent_system set
// the agent (HearthUI.agentPolicy).
(function () {
  'use strict';
  var UI = window.HearthUI;
  var params = new URLSearchParams(location.search);
  var engine = null;
  var gpu = null;
  var loading = null;

  function $(id) { return document.getElementById(id); }

  // ---- runtime line: bundle and WebGPU adapter
  Hearth.ready.then(function () {
    return Hearth.gpuInfo();
  }).then(function (info) {
    gpu = info;
    document.body.dataset.webgpu = info.available ? 'available' : 'unavailable';
    $('runtime').textContent = 'Bundle: ' + Hearth.bundle + ' (' + Hearth.bundleReason + ') · WebGPU: '
        + (info.available ? [info.vendor, info.architecture].filter(Boolean).join(' / ') || 'available'
          : 'unavailable (' + info.reason + '), models run on the CPU backend');
    document.body.dataset.ready = 'true';
  }).catch(function (e) {
    $('runtime').textContent = 'Hearth failed to start: ' + e.message;
    console.error(e);
  });

  // ---- model
  var progress = new UI.ProgressView($('progress'));
  var picker = new UI.ModelPicker($('picker'), {onPick: load});
  if (params.get('model')) {
    picker.url.value = params.get('model');
  }
  if (params.get('backend')) {
    $('backend').value = params.get('backend');
  }

  // A .gguf file dropped anywhere on the model section loads it (read in slices, not cached).
  var modelSection = $('model');
  modelSection.addEventListener('dragover', function (e) {
    e.preventDefault();
    modelSection.classList.add('drop');
  });
  modelSection.addEventListener('dragleave', function () { modelSection.classList.remove('drop'); });
  modelSection.addEventListener('drop', function (e) {
    e.preventDefault();
    modelSection.classList.remove('drop');
    var f = e.dataTransfer.files && e.dataTransfer.files[0];
    if (f) {
      load({model: f, label: f.name});
    }
  });

  function load(pick) {
    if (loading) {
      return loading;
    }
    document.body.dataset.model = 'loading';
    $('engine').textContent = 'Loading ' + pick.label + '…';
    var old = engine;
    engine = null;
    loading = (old ? old.unload().catch(function () {}) : Promise.resolve()).then(function () {
      return Hearth.createEngine({model: pick.model, backend: $('backend').value, onProgress: function (p) {
        progress.update(p);
      }});
    }).then(function (e) {
      engine = e;
      document.body.dataset.model = 'ready';
      document.body.dataset.backend = e.backend;
      $('engine').textContent = 'Running ' + UI.describeEngine(e, gpu)
          + (e.model.fromCache ? ' · loaded from the cache' : '');
      return refreshCache();
    }).catch(function (e) {
      document.body.dataset.model = 'failed';
      progress.say('');
      $('engine').textContent = 'Could not load the model: ' + e.message;
      console.warn('model load failed', e);
    }).then(function () {
      loading = null;
    });
    return loading;
  }

  function refreshCache() {
    if (!Hearth.cache) {
      return Promise.resolve();
    }
    return Promise.all([picker.refresh(), Hearth.cache.estimate()]).then(function (r) {
      var ul = $('cached');
      ul.textContent = '';
      r[0].forEach(function (c) {
        var del = UI.el('button', {type: 'button', text: 'Delete'});
        del.addEventListener('click', function () {
          Hearth.cache.delete(c.url).then(refreshCache);
        });
        ul.appendChild(UI.el('li', {}, [c.url.split('/').pop() + ' · ' + UI.formatBytes(c.size), del]));
      });
      if (!r[0].length) {
        ul.appendChild(UI.el('li', {text: 'none yet'}));
      }
      $('quota').textContent = 'Storage used by this site: ' + UI.formatBytes(r[1].usage) + ' of ' + UI.formatBytes(r[1].quota) + '.';
    }).catch(function (e) {
      console.warn('cache listing failed', e);
    });
  }
  refreshCache();

  // ---- tabs
  function show(view) {
    $('chat-view').hidden = view !== 'chat';
    $('agent-view').hidden = view !== 'agent';
    $('tab-chat').setAttribute('aria-pressed', String(view === 'chat'));
    $('tab-agent').setAttribute('aria-pressed', String(view === 'agent'));
  }
  $('tab-chat').addEventListener('click', function () { show('chat'); });
  $('tab-agent').addEventListener('click', function () { show('agent'); });

  // ---- chat
  var chat = new UI.ChatView($('chat-view'), {
    engine: function () { return engine; },
    system: 'You are a helpful assistant running on the user\'s own device. Answer briefly.',
    request: {max_tokens: Number(params.get('max_tokens')) || 256, temperature: 0.7}
  });

  // ---- agent on the sample app: the frame gets Hearth's DOM tools by loading the loader itself,
  // so the agent sees only the app, not this page.
  var frame = $('app');
  var frameHearth = new Promise(function (resolve) {
    function inject() {
      var doc = frame.contentDocument;
      var s = doc.createElement('script');
      s.src = new URL('../hearth-loader.js', location.href).href;
      s.onload = function () { resolve(frame.contentWindow.Hearth.ready.then(function () { return frame.contentWindow.Hearth; })); };
      doc.head.appendChild(s);
    }
    if (frame.contentDocument && frame.contentDocument.readyState === 'complete' && frame.contentWindow.location.href !== 'about:blank') {
      inject();
    } else {
      frame.addEventListener('load', inject, {once: true});
    }
  });
  var appHearth = null;
  frameHearth.then(function (h) {
    appHearth = h;
    document.body.dataset.appReady = 'true';
  });

  function highlightStep(step) {
    var ref = step.ref || (step.args && step.args.ref);
    var target = ref && UI.elementForRef(frame.contentWindow, ref);
    if (target) {
      UI.highlight($('highlights'), target.getBoundingClientRect(), (step.tool || '') + ' ' + ref);
    }
  }

  var agentPanel = new UI.AgentPanel($('agent-panel'), {
    placeholder: 'e.g. Find the people in Boston',
    onStep: highlightStep,
    agent: function () {
      if (!engine) {
        throw new Error('Load a model first.');
      }
      if (!appHearth) {
        throw new Error('The sample app is still starting; try again in a moment.');
      }
      return UI.pageAgent(frame.contentWindow, engine, UI.agentPolicy(function (n) { return params.get(n); }));
    }
  });
  agentPanel.task.value = params.get('task') || '';

  window.HearthDemo = {chat: chat, agent: agentPanel, load: load, engine: function () { return engine; }};
})();
