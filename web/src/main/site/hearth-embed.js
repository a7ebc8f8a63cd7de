// Hearth's embeddable assistant: one script tag adds a floating button and a chat / agent panel to any page.
//
//   <script src="/hearth/hearth-embed.js" data-model="/models/assistant.gguf"
//           data-allow-origins="https://intranet.example.com" defer></script>
//
// Attributes: data-model (URL of the GGUF file, required); data-allow-origins (space- or comma-separated
// page origins the assistant may start on; default: the origin that serves this script); data-title;
// data-backend (auto | webgpu | wasm-cpu); data-bundle (js by default, see below); data-open (start with
// the panel open); data-system (the chat's system prompt); data-agent-steps, data-agent-context,
// data-agent-tools, data-agent-system (the agent's step limit, context in tokens, tool names, system prompt).
//
// Works under a strict Content-Security-Policy that allows nothing beyond 'self' but 'wasm-unsafe-eval':
// nothing inline (styles come from hearth-ui.css and hearth-embed.css, linked inside the shadow root; the
// few computed positions are set through CSSOM), no eval. TeaVM's WASM-GC runtime creates its JS glue with
// new Function, which such a policy forbids, so the embed runs Hearth's JS bundle (page and worker) unless
// data-bundle="wasm-gc" says the page allows 'unsafe-eval'.
//
// The UI lives in a closed shadow root: the host page's CSS cannot reach it, and the agent's DOM tools,
// which read the page through open shadow roots only, never see (or click) the assistant itself.
// window.HearthEmbed is the page's handle: open(), close(), ask(text), run(task), and root (the shadow root).
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) {
    console.warn('hearth-embed.js must be loaded by a classic <script> tag (not a module or injected code)');
    return;
  }
  var base = script.src;
  function url(path) { return new URL(path, base).href; }
  var config = {
    model: script.getAttribute('data-model'),
    title: script.getAttribute('data-title') || 'Assistant',
    backend: script.getAttribute('data-backend') || 'auto',
    bundle: script.getAttribute('data-bundle') || 'js',
    open: script.hasAttribute('data-open'),
    system: script.getAttribute('data-system')
        || 'You are the assistant of this web page, running on the user\'s own device. Answer briefly.',
    origins: (script.getAttribute('data-allow-origins') || new URL(base).origin).split(/[\s,]+/).filter(Boolean)
  };

  if (config.origins.indexOf('*') < 0 && config.origins.indexOf(location.origin) < 0) {
    console.warn('Hearth assistant: this page\'s origin ' + location.origin + ' is not in data-allow-origins ('
        + config.origins.join(' ') + '); not starting');
    return;
  }
  if (!config.model) {
    console.warn('Hearth assistant: no data-model attribute on the script tag; not starting');
    return;
  }

  function loadScript(src, attrs) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = src;
      Object.keys(attrs || {}).forEach(function (k) { s.setAttribute(k, attrs[k]); });
      s.onload = resolve;
      s.onerror = function () { reject(new Error('could not load ' + src)); };
      document.head.appendChild(s);
    });
  }

  var scripts = (window.Hearth ? Promise.resolve() : loadScript(url('hearth-loader.js'), {'data-bundle': config.bundle}))
      .then(function () { return window.HearthUI ? null : loadScript(url('products/hearth-ui.js')); });

  function build() {
    var UI = window.HearthUI;
    var el = UI.el;
    var host = document.createElement('hearth-assistant');
    document.body.appendChild(host);
    var root = host.attachShadow({mode: 'closed'});
    root.appendChild(el('link', {rel: 'stylesheet', href: url('products/hearth-ui.css')}));
    root.appendChild(el('link', {rel: 'stylesheet', href: url('hearth-embed.css')}));
    var layer = el('div', {class: 'layer', 'aria-hidden': 'true'});
    var button = el('button', {type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'hearth-panel',
      text: config.title});
    var close = el('button', {type: 'button', class: 'close', 'aria-label': 'Close', text: '×'});
    var status = el('p', {class: 'status', role: 'status', text: 'The model loads when you open this panel.'});
    var progressBox = el('div', {class: 'progress'});
    var tabChat = el('button', {type: 'button', class: 'tab', 'aria-pressed': 'true', text: 'Chat'});
    var tabAgent = el('button', {type: 'button', class: 'tab', 'aria-pressed': 'false', text: 'Act on this page'});
    var chatBox = el('div', {class: 'view chat-view'});
    var agentBox = el('div', {class: 'view agent-view', hidden: true});
    var panel = el('section', {id: 'hearth-panel', class: 'panel', 'aria-label': config.title, hidden: true}, [
      el('header', {}, [el('strong', {text: config.title}), el('span', {class: 'local', text: 'runs on your device'}), close]),
      status, progressBox, el('nav', {class: 'tabs'}, [tabChat, tabAgent]), chatBox, agentBox]);
    root.appendChild(layer);
    root.appendChild(panel);
    root.appendChild(button);

    var engine = null;
    var starting = null;
    var progress = new UI.ProgressView(progressBox);
    function start() {
      if (!starting) {
        status.textContent = 'Loading the model…';
        host.dataset.model = 'loading';
        starting = Hearth.createEngine({model: config.model, backend: config.backend, bundle: config.bundle,
          onProgress: function (p) { progress.update(p); }}).then(function (e) {
          engine = e;
          host.dataset.model = 'ready';
          status.textContent = UI.describeEngine(e, null) + (e.model.fromCache ? ' · from the cache' : '');
          return e;
        }, function (e) {
          host.dataset.model = 'failed';
          status.textContent = 'Could not load the model: ' + e.message;
          starting = null;
          console.warn('Hearth assistant: model load failed', e);
          throw e;
        });
      }
      return starting;
    }

    function setOpen(open) {
      panel.hidden = !open;
      button.setAttribute('aria-expanded', String(open));
      host.dataset.open = String(open);
      if (open) {
        start().catch(function () {});
      }
    }
    button.addEventListener('click', function () { setOpen(panel.hidden); });
    close.addEventListener('click', function () { setOpen(false); });

    function show(view) {
      chatBox.hidden = view !== 'chat';
      agentBox.hidden = view !== 'agent';
      tabChat.setAttribute('aria-pressed', String(view === 'chat'));
      tabAgent.setAttribute('aria-pressed', String(view === 'agent'));
    }
    tabChat.addEventListener('click', function () { show('chat'); });
    tabAgent.addEventListener('click', function () { show('agent'); });

    var chat = new UI.ChatView(chatBox, {engine: function () { return engine; }, system: config.system,
      request: {max_tokens: 256, temperature: 0.7}});
    var agent = new UI.AgentPanel(agentBox, {
      placeholder: 'e.g. Search the directory for Boston',
      onStep: function (step) {
        var ref = step.ref || (step.args && step.args.ref);
        var target = ref && UI.elementForRef(window, ref);
        if (target) {
          UI.highlight(layer, target.getBoundingClientRect(), (step.tool || '') + ' ' + ref);
        }
      },
      agent: function () {
        if (!engine) {
          throw new Error('The model is not loaded yet.');
        }
        return UI.pageAgent(window, engine, UI.agentPolicy(function (n) { return script.getAttribute('data-' + n.replace('_', '-')); }));
      }
    });

    window.HearthEmbed = {
      root: root,
      open: function () { setOpen(true); return start(); },
      close: function () { setOpen(false); },
      ask: function (text) { setOpen(true); show('chat'); return start().then(function () { return chat.ask(text); }); },
      run: function (task) { setOpen(true); show('agent'); return start().then(function () { return agent.start(task); }); },
      engine: function () { return engine; }
    };
    host.dataset.state = 'ready';
    if (config.open) {
      setOpen(true);
    }
  }

  function whenBody(f) {
    if (document.body) {
      f();
    } else {
      document.addEventListener('DOMContentLoaded', f, {once: true});
    }
  }
  scripts.then(function () { whenBody(build); }).catch(function (e) {
    console.warn('Hearth assistant could not start: ' + e.message);
  });
})();
