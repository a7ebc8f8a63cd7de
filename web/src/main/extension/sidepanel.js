// The extension's side panel: the engine runs here (Hearth's JS bundle in a worker; an extension page may
// not eval, so no WASM-GC, see hearth-embed.js), the DOM tools run in the tab (tab-tools.js, injected with
// chrome.scripting). ?tab=ID pins the tab to act on (the tests open this page as a tab); otherwise it is
// the active tab of this window. agent_steps, agent_context, agent_tools, agent_system parameters set the
// agent (HearthUI.agentPolicy).
(function () {
  'use strict';
  var UI = window.HearthUI;
  var params = new URLSearchParams(location.search);
  var pinnedTab = params.get('tab') ? Number(params.get('tab')) : null;
  var engine = null;
  var loading = null;

  function $(id) { return document.getElementById(id); }

  // ---- the tab and its DOM tools

  function targetTab() {
    if (pinnedTab !== null) {
      return Promise.resolve(pinnedTab);
    }
    return chrome.tabs.query({active: true, currentWindow: true}).then(function (tabs) {
      if (!tabs.length) {
        throw new Error('there is no active tab');
      }
      return tabs[0].id;
    });
  }

  function explainAccess(e) {
    var m = String(e && e.message || e);
    if (/Cannot access|permission|host/i.test(m)) {
      return new Error('Hearth may act on a tab only after you click its toolbar button on that tab '
          + '(the activeTab permission); pages such as chrome:// and the Web Store are off limits. (' + m + ')');
    }
    return e instanceof Error ? e : new Error(m);
  }

  /** Injects Hearth's JS bundle and tab-tools.js into the tab once (a reload of the tab needs them again). */
  function ensureTools(tabId) {
    return chrome.scripting.executeScript({target: {tabId: tabId}, func: function () { return !!self.__hearthTab; }})
      .then(function (r) {
        if (r[0] && r[0].result) {
          return;
        }
        return chrome.scripting.executeScript({target: {tabId: tabId}, files: ['js/hearth.js', 'tab-tools.js']});
      });
  }

  function tabCall(op, args) {
    var tabId;
    return targetTab().then(function (id) {
      tabId = id;
      return ensureTools(tabId);
    }).then(function () {
      return chrome.tabs.sendMessage(tabId, {kind: 'hearth.tab', op: op, args: args || {}});
    }).then(function (r) {
      if (!r) {
        throw new Error('the tab did not answer (it may be loading); try again');
      }
      if (!r.ok) {
        throw new Error(r.payload);
      }
      return JSON.parse(r.payload);
    }).catch(function (e) {
      throw explainAccess(e);
    });
  }

  /** Hearth.Dom, run in the tab. */
  var tabDom = {
    snapshot: function (options) { return tabCall('dom.snapshot', options || {}); },
    act: function (tool, args) {
      var req = typeof tool === 'object' && tool !== null ? tool : {tool: tool, args: args || {}};
      return tabCall('dom.act', {tool: req.tool, args: req.args || {}});
    }
  };

  // ---- model

  var progress = new UI.ProgressView($('progress'));
  var picker = new UI.ModelPicker($('picker'), {onPick: load});
  chrome.storage.local.get(['modelUrl', 'backend']).then(function (saved) {
    if (saved.modelUrl && !picker.url.value) {
      picker.url.value = saved.modelUrl;
    }
    if (saved.backend) {
      $('backend').value = saved.backend;
    }
  });

  function load(pick) {
    if (loading) {
      return loading;
    }
    document.body.dataset.model = 'loading';
    var old = engine;
    engine = null;
    if (typeof pick.model === 'string') {
      chrome.storage.local.set({modelUrl: pick.model, backend: $('backend').value});
    }
    loading = (old ? old.unload().catch(function () {}) : Promise.resolve()).then(function () {
      return Hearth.createEngine({model: pick.model, backend: $('backend').value, bundle: 'js',
        onProgress: function (p) { progress.update(p); }});
    }).then(function (e) {
      engine = e;
      document.body.dataset.model = 'ready';
      $('engine').textContent = 'Running ' + UI.describeEngine(e, null) + (e.model.fromCache ? ' · from the cache' : '');
      return picker.refresh();
    }).catch(function (e) {
      document.body.dataset.model = 'failed';
      $('engine').textContent = 'Could not load the model: ' + e.message;
      console.warn('model load failed', e);
    }).then(function () {
      loading = null;
    });
    return loading;
  }

  // ---- views

  function show(view) {
    $('chat-view').hidden = view !== 'chat';
    $('agent-view').hidden = view !== 'agent';
    $('tab-chat').setAttribute('aria-pressed', String(view === 'chat'));
    $('tab-agent').setAttribute('aria-pressed', String(view === 'agent'));
  }
  $('tab-chat').addEventListener('click', function () { show('chat'); });
  $('tab-agent').addEventListener('click', function () { show('agent'); });

  var SYSTEM = 'You are a helpful assistant running on the user\'s own device. Answer briefly.';
  var chat = new UI.ChatView($('chat-view'), {
    engine: function () { return engine; },
    request: {max_tokens: 256, temperature: 0.7},
    system: function () {
      if (!$('with-page').checked) {
        return SYSTEM;
      }
      return tabDom.snapshot({maxChars: 4000}).then(function (s) {
        return SYSTEM + '\n\nThe user is looking at this page ("' + s.title + '", ' + s.url + '):\n' + s.text;
      });
    }
  });

  function highlightStep(step) {
    var ref = step.ref || (step.args && step.args.ref);
    if (ref) {
      targetTab().then(function (tabId) {
        return chrome.tabs.sendMessage(tabId, {kind: 'hearth.tab', op: 'highlight', args: {ref: ref}});
      }).catch(function () {});
    }
  }

  var agent = new UI.AgentPanel($('agent-view'), {
    placeholder: 'What should the agent do on this tab?',
    onStep: highlightStep,
    agent: function () {
      if (!engine) {
        throw new Error('Load a model first.');
      }
      return tabAgent(engine, UI.agentPolicy(function (n) { return params.get(n); }));
    }
  });

  /**
   * The agent loop runs in the tab, next to the DOM tools it drives (agent.run is a page operation), on the
   * model the panel has loaded, fetched again by the tab (the panel's cache is the extension's own).
   */
  function tabAgent(e, policy) {
    var source = e.model && e.model.source;
    if (typeof source !== 'string') {
      throw new Error('The agent needs a model loaded from a URL.');
    }
    var url = new URL(source, location.href).href;
    return {
      run: function (task, options) {
        var tabId;
        var signal = options.signal;
        function onMessage(msg, sender) {
          if (msg && msg.kind === 'hearth.step' && sender.tab && sender.tab.id === tabId && options.onStep) {
            options.onStep(UI.stepFromTrace(JSON.parse(msg.step)));
          }
        }
        function onAbort() {
          tabCall('agent.cancel').catch(function () {});
        }
        return targetTab().then(function (id) {
          tabId = id;
          chrome.runtime.onMessage.addListener(onMessage);
          signal.addEventListener('abort', onAbort);
          return tabCall('agent.load', {url: url, backend: e.backend, contextSize: policy.contextSize});
        }).then(function () {
          return tabCall('agent.run', {task: task, maxSteps: policy.maxSteps, policy: 'refuse', tools: policy.tools,
            systemPrompt: policy.systemPrompt});
        }).then(function (r) {
          return {answer: r.answer || '', steps: (r.trace || []).map(UI.stepFromTrace),
            finish_reason: signal.aborted ? 'aborted' : r.status};
        }).finally(function () {
          chrome.runtime.onMessage.removeListener(onMessage);
          signal.removeEventListener('abort', onAbort);
        });
      }
    };
  }

  // "Read page": the snapshot tool on the tab, shown as a step of the trace.
  $('read-page').addEventListener('click', function () {
    agent.trace.textContent = '';
    tabDom.snapshot({maxChars: 12000}).then(function (s) {
      $('tab-status').textContent = 'Acting on: ' + s.title + ' (' + s.url + ')';
      var li = agent.addStep({index: 1, kind: 'tool', tool: 'snapshot', args: {},
        result: {ok: true, message: s.refs.length + ' elements to act on'}});
      li.appendChild(UI.el('pre', {class: 'hx-snapshot', text: s.text}));
    }).catch(function (e) {
      $('tab-status').textContent = e.message;
    });
  });

  window.HearthPanel = {chat: chat, agent: agent, load: load, tabDom: tabDom, engine: function () { return engine; }};
})();
