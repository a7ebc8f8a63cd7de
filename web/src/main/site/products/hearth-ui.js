// The pieces of UI the three products share (the demo page, the extension's side panel, the embed):
// a model picker, a progress bar, a streaming chat view and an agent panel with its step trace.
// Plain DOM built with createElement (no innerHTML, no inline styles or handlers), so it runs under a
// strict Content-Security-Policy and inside a shadow root. Styles: products/hearth-ui.css.
// Everything talks to the engine through the public API only (hearth.d.ts): createEngine,
// engine.chat.completions.create with stream: true, createAgent / agent.run.
(function (global) {
  'use strict';

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') {
        e.textContent = attrs[k];
      } else if (k === 'class') {
        e.className = attrs[k];
      } else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) {
        e.setAttribute(k, attrs[k] === true ? '' : attrs[k]);
      }
    });
    (children || []).forEach(function (c) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }

  function formatBytes(n) {
    if (!(n > 0)) {
      return '0 B';
    }
    var units = ['B', 'KB', 'MB', 'GB'];
    var i = Math.min(units.length - 1, Math.floor(Math.log(n) / Math.log(1000)));
    var v = n / Math.pow(1000, i);
    return (v >= 100 || i === 0 ? v.toFixed(0) : v.toFixed(1)) + ' ' + units[i];
  }

  function formatSeconds(s) {
    if (s === null || s === undefined || !isFinite(s)) {
      return '';
    }
    s = Math.max(0, Math.round(s));
    return s >= 60 ? Math.floor(s / 60) + ' min ' + (s % 60) + ' s' : s + ' s';
  }

  var PHASES = {cache: 'Looking in the cache', download: 'Downloading', verify: 'Checking the file',
    load: 'Loading into the engine', ready: 'Ready'};

  /** One line for a Hearth.Progress: "Downloading 12.3 MB of 145 MB · 4.1 MB/s · 30 s left". */
  function describeProgress(p) {
    var parts = [(PHASES[p.phase] || p.phase) + (p.fromCache && p.phase === 'load' ? ' (from the cache)' : '')];
    if (p.total > 0) {
      parts[0] += ' ' + formatBytes(p.loaded) + ' of ' + formatBytes(p.total);
    } else if (p.loaded > 0) {
      parts[0] += ' ' + formatBytes(p.loaded);
    }
    if (p.bytesPerSecond > 0 && p.phase !== 'ready') {
      parts.push(formatBytes(p.bytesPerSecond) + '/s');
    }
    if (p.etaSeconds !== null && p.etaSeconds !== undefined && p.phase !== 'ready') {
      parts.push(formatSeconds(p.etaSeconds) + ' left');
    }
    return parts.join(' · ');
  }

  /** True for a stop asked by the user (AbortSignal, stream.abort(), engine.interrupt()). */
  function isAbort(e) {
    return !!e && (e.name === 'HearthAbortError' || e.code === 'AbortError' || e.name === 'AbortError');
  }

  /** "webgpu (google / swiftshader), wasm-gc bundle" for the status line. */
  function describeEngine(engine, gpu) {
    var backend = engine.backend === 'webgpu' && gpu && gpu.available
        ? 'WebGPU on ' + [gpu.vendor, gpu.architecture].filter(Boolean).join(' / ')
        : engine.backend === 'webgpu' ? 'WebGPU' : 'CPU (WASM)';
    var m = engine.model || {};
    return (m.name || m.source || 'model') + ' · ' + backend + ' · ' + engine.bundle + ' bundle'
        + (engine.fallbackReason ? ' (' + engine.fallbackReason + ')' : '');
  }

  // ------------------------------------------------------------------ progress

  /** A labelled <progress> and a text line under it, fed with Hearth.Progress objects. */
  function ProgressView(container) {
    var bar = el('progress', {class: 'hx-progress', max: '1', value: '0', 'aria-label': 'Model loading progress'});
    var line = el('p', {class: 'hx-progress-text', role: 'status'});
    container.appendChild(bar);
    container.appendChild(line);
    this.bar = bar;
    this.line = line;
    this.seen = [];
  }
  ProgressView.prototype.update = function (p) {
    this.seen.push(p.phase);
    if (p.total > 0) {
      this.bar.value = Math.min(1, p.loaded / p.total);
    } else {
      this.bar.removeAttribute('value'); // indeterminate
    }
    if (p.phase === 'ready') {
      this.bar.value = 1;
    }
    this.bar.dataset.phase = p.phase;
    this.line.textContent = describeProgress(p);
  };
  ProgressView.prototype.say = function (text) {
    this.line.textContent = text;
  };

  // ------------------------------------------------------------------ chat

  /**
   * A chat with streaming replies. options: engine() -> the loaded Engine or null; system (a system
   * prompt, or a function answering one or a promise of one); request (extra request fields, e.g. {max_tokens: 256, temperature: 0.7}).
   * The root gets data-state="idle" | "streaming"; each reply's <li> gets data-tokens and
   * data-tokens-per-second when it ends.
   */
  function ChatView(container, options) {
    var self = this;
    this.options = options;
    this.history = [];
    this.root = el('div', {class: 'hx-chat', 'data-state': 'idle'});
    this.log = el('ol', {class: 'hx-log', 'aria-label': 'Conversation', 'aria-live': 'polite'});
    this.input = el('textarea', {class: 'hx-input', rows: '2', 'aria-label': 'Message', placeholder: 'Ask something…'});
    this.send = el('button', {type: 'submit', class: 'hx-send', text: 'Send'});
    this.stop = el('button', {type: 'button', class: 'hx-stop', text: 'Stop', disabled: true});
    this.stats = el('p', {class: 'hx-stats', role: 'status'});
    var form = el('form', {class: 'hx-ask'}, [this.input, el('div', {class: 'hx-buttons'}, [this.send, this.stop])]);
    this.root.appendChild(this.log);
    this.root.appendChild(form);
    this.root.appendChild(this.stats);
    container.appendChild(this.root);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      self.ask(self.input.value);
    });
    this.input.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        self.ask(self.input.value);
      }
    });
    this.stop.addEventListener('click', function () {
      if (self.controller) {
        self.controller.abort();
      }
    });
  }

  ChatView.prototype.bubble = function (role, text) {
    var li = el('li', {class: 'hx-msg hx-' + role, 'data-role': role}, [el('div', {class: 'hx-text', text: text})]);
    this.log.appendChild(li);
    this.log.scrollTop = this.log.scrollHeight;
    return li;
  };

  /** Sends text as the user; resolves when the reply has ended (or was stopped). */
  ChatView.prototype.ask = function (text) {
    var self = this;
    text = (text || '').trim();
    var engine = this.options.engine();
    if (!text || this.controller) {
      return Promise.resolve();
    }
    if (!engine) {
      this.stats.textContent = 'Load a model first.';
      return Promise.resolve();
    }
    this.input.value = '';
    this.history.push({role: 'user', content: text});
    this.bubble('user', text);
    var li = this.bubble('assistant', '');
    var out = li.firstChild;
    li.classList.add('hx-pending');
    var controller = new AbortController();
    this.controller = controller;
    this.root.dataset.state = 'streaming';
    this.stop.disabled = false;
    this.send.disabled = true;
    var system = typeof this.options.system === 'function' ? this.options.system() : this.options.system;
    var history = this.history.slice();
    var t0 = performance.now();
    var tFirst = 0;
    var pieces = 0;
    var usage = null;
    var reply = '';
    var stopped = false;
    return Promise.resolve(system).then(function (systemText) {
      var messages = (systemText ? [{role: 'system', content: systemText}] : []).concat(history);
      var request = Object.assign({messages: messages, stream: true, signal: controller.signal}, self.options.request || {});
      t0 = performance.now();
      return engine.chat.completions.create(request);
    }).then(function (stream) {
      var it = stream[Symbol.asyncIterator]();
      function next() {
        return it.next().then(function (r) {
          if (r.done) {
            return;
          }
          var c = r.value;
          var delta = c.choices && c.choices[0] && c.choices[0].delta;
          if (delta && delta.content) {
            if (!tFirst) {
              tFirst = performance.now();
              li.classList.remove('hx-pending');
            }
            pieces++;
            reply += delta.content;
            out.textContent = reply;
            self.log.scrollTop = self.log.scrollHeight;
          }
          if (c.usage) {
            usage = c.usage;
          }
          return next();
        });
      }
      return next();
    }).catch(function (e) {
      if (isAbort(e)) {
        stopped = true;
        return;
      }
      li.classList.add('hx-error');
      out.textContent = reply + (reply ? '\n' : '') + 'Error: ' + (e && e.message || e);
      console.warn('Hearth chat failed', e);
    }).then(function () {
      var t1 = performance.now();
      li.classList.remove('hx-pending');
      var tokens = usage ? usage.completion_tokens : pieces;
      // Tokens per second of decoding: from the first token to the last.
      var decodeSeconds = tFirst ? (t1 - tFirst) / 1000 : 0;
      var tps = tokens > 1 && decodeSeconds > 0 ? (tokens - 1) / decodeSeconds : 0;
      li.dataset.tokens = String(tokens);
      li.dataset.tokensPerSecond = tps.toFixed(1);
      self.stats.textContent = (stopped ? 'Stopped. ' : '') + tokens + ' tokens'
          + (tps > 0 ? ' · ' + tps.toFixed(1) + ' tokens/s' : '')
          + (tFirst ? ' · first token after ' + Math.round(tFirst - t0) + ' ms' : '');
      if (stopped) {
        li.classList.add('hx-stopped');
      }
      self.history.push({role: 'assistant', content: reply});
      self.controller = null;
      self.root.dataset.state = 'idle';
      self.stop.disabled = true;
      self.send.disabled = false;
    });
  };

  ChatView.prototype.clear = function () {
    this.history = [];
    this.log.textContent = '';
    this.stats.textContent = '';
  };

  // ------------------------------------------------------------------ agent

  /** One line for an agent step: "2 · click e12 → clicked button "Search" (e12)". */
  function describeStep(step) {
    if (step.kind === 'answer') {
      return 'Answer: ' + (step.content || '');
    }
    var args = step.args ? Object.keys(step.args).map(function (k) {
      var v = step.args[k];
      return k + '=' + (typeof v === 'string' ? JSON.stringify(v) : String(v));
    }).join(' ') : '';
    var result = step.result ? (step.result.ok === false ? '✗ ' : '✓ ') + (step.result.message || '') : '';
    return (step.tool || step.kind) + (args ? ' ' + args : '') + (result ? ' → ' + result : '');
  }

  /**
   * A task box, Run and Stop buttons, and the step trace. options: agent() -> a Hearth.Agent (or null,
   * saying why in unavailable()); onStep(step) for highlighting; placeholder.
   * The root gets data-state="idle" | "running" | "done" | "stopped" | "failed".
   */
  function AgentPanel(container, options) {
    var self = this;
    this.options = options;
    this.root = el('div', {class: 'hx-agent', 'data-state': 'idle'});
    this.task = el('input', {class: 'hx-task', type: 'text', 'aria-label': 'Task for the agent',
      placeholder: options.placeholder || 'What should the agent do on the page?'});
    this.run = el('button', {type: 'submit', class: 'hx-run', text: 'Run'});
    this.stop = el('button', {type: 'button', class: 'hx-stop', text: 'Stop', disabled: true});
    this.trace = el('ol', {class: 'hx-trace', 'aria-label': 'Agent steps'});
    this.status = el('p', {class: 'hx-agent-status', role: 'status'});
    var form = el('form', {class: 'hx-ask'}, [this.task, el('div', {class: 'hx-buttons'}, [this.run, this.stop])]);
    this.root.appendChild(form);
    this.root.appendChild(this.status);
    this.root.appendChild(this.trace);
    container.appendChild(this.root);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      self.start(self.task.value);
    });
    this.stop.addEventListener('click', function () {
      if (self.controller) {
        self.controller.abort();
      }
    });
  }

  AgentPanel.prototype.addStep = function (step) {
    var li = el('li', {class: 'hx-step' + (step.result && step.result.ok === false ? ' hx-failed' : ''),
      'data-kind': step.kind || '', 'data-tool': step.tool || '', 'data-ref': step.ref || ''},
      [el('span', {class: 'hx-step-text', text: describeStep(step)})]);
    this.trace.appendChild(li);
    li.scrollIntoView({block: 'nearest'});
    return li;
  };

  AgentPanel.prototype.start = function (task) {
    var self = this;
    task = (task || '').trim();
    if (!task || this.controller) {
      return Promise.resolve();
    }
    var agent;
    try {
      agent = this.options.agent();
    } catch (e) {
      this.status.textContent = e.message;
      this.root.dataset.state = 'failed';
      return Promise.resolve();
    }
    var controller = new AbortController();
    this.controller = controller;
    this.trace.textContent = '';
    this.root.dataset.state = 'running';
    this.status.textContent = 'Working on: ' + task;
    this.stop.disabled = false;
    this.run.disabled = true;
    return agent.run(task, {
      signal: controller.signal,
      onStep: function (step) {
        self.addStep(step);
        if (self.options.onStep) {
          self.options.onStep(step);
        }
      }
    }).then(function (r) {
      if (!self.trace.querySelector('[data-kind=answer]') && r.answer) {
        self.addStep({kind: 'answer', content: r.answer});
      }
      self.root.dataset.state = r.finish_reason === 'aborted' || r.finish_reason === 'cancelled' ? 'stopped' : 'done';
      self.status.textContent = 'Finished (' + r.finish_reason + ') after ' + r.steps.length + ' step(s).';
    }).catch(function (e) {
      self.root.dataset.state = isAbort(e) ? 'stopped' : 'failed';
      self.status.textContent = isAbort(e) ? 'Stopped.' : 'The agent failed: ' + (e && e.message || e);
      if (!isAbort(e)) {
        console.warn('Hearth agent failed', e);
      }
    }).then(function () {
      self.controller = null;
      self.stop.disabled = true;
      self.run.disabled = false;
    });
  };

  // ------------------------------------------------------------------ the agent of a page

  /** A Hearth.AgentStep from one step of the agent loop's trace ({step, call: {name, arguments}, result, raw}). */
  function stepFromTrace(t) {
    var call = t.call || {};
    var args = call.arguments || {};
    var answer = call.name === 'done';
    return {index: t.step, kind: answer ? 'answer' : 'tool', tool: call.name, args: args, result: t.result,
      content: answer ? (args.answer || args.summary || args.text || '') : t.raw, ref: args.ref, trace: t};
  }

  /**
   * The agent acting on the page of window win, driven by the model engine has loaded. The loop must run
   * where the DOM is, so this uses win's agent operations (Hearth.agent: load the model into that page,
   * run with step events on the window, cancel); Hearth.createAgent only when a build has no such
   * operations. policy: {maxSteps (8), contextSize (4096 tokens), tools (names; default all), systemPrompt
   * (default: the agent loop's own), page ('refuse' sensitive actions)}. Answers a Hearth.Agent: run(task, {onStep, signal}).
   */
  function pageAgent(win, engine, policy) {
    var H = win.Hearth;
    policy = policy || {maxSteps: 8};
    if (!H.agent && typeof H.createAgent === 'function') {
      return H.createAgent({engine: engine, policy: policy});
    }
    if (!H.agent) {
      throw new Error('This build of Hearth has no agent loop.');
    }
    var source = engine.model && engine.model.source;
    if (typeof source !== 'string') {
      throw new Error('The agent needs a model loaded from a URL.');
    }
    var url = new URL(source, win.location.href).href;
    return {
      run: function (task, options) {
        options = options || {};
        var signal = options.signal;
        function onEvent(e) {
          if (options.onStep) {
            options.onStep(stepFromTrace(JSON.parse(e.detail)));
          }
        }
        function onAbort() {
          H.agent.cancel();
        }
        var loaded = win.__hearthAgentModel === url ? Promise.resolve()
            : H.agent.load({url: url, backend: engine.backend, contextSize: policy.contextSize || 4096}).then(function () {
              win.__hearthAgentModel = url;
            });
        return loaded.then(function () {
          if (signal && signal.aborted) {
            return {status: 'cancelled', answer: '', trace: []};
          }
          win.addEventListener('hearth-agent-step', onEvent);
          if (signal) {
            signal.addEventListener('abort', onAbort);
          }
          return H.agent.run({task: task, maxSteps: policy.maxSteps || 8, policy: policy.page || 'refuse', tools: policy.tools,
            systemPrompt: policy.systemPrompt});
        }).then(function (r) {
          return {answer: r.answer || '', steps: (r.trace || []).map(stepFromTrace),
            finish_reason: signal && signal.aborted ? 'aborted' : r.status};
        }).finally(function () {
          win.removeEventListener('hearth-agent-step', onEvent);
          if (signal) {
            signal.removeEventListener('abort', onAbort);
          }
        });
      }
    };
  }

  /**
   * The agent's settings from named values (URL parameters of the demo and the panel, data- attributes of the
   * embed): agent_steps (8), agent_context (4096 tokens), agent_tools (names, comma or space separated),
   * agent_system (a system prompt instead of the loop's own).
   */
  function agentPolicy(get) {
    var p = {maxSteps: Number(get('agent_steps')) || 8, contextSize: Number(get('agent_context')) || 4096};
    var tools = get('agent_tools');
    if (tools) {
      p.tools = tools.split(/[\s,]+/).filter(Boolean);
    }
    if (get('agent_system')) {
      p.systemPrompt = get('agent_system');
    }
    return p;
  }

  // ------------------------------------------------------------------ highlight

  /**
   * Draws a box over an element (the one an agent step acted on) for 2.5 s. layer: a fixed-position
   * element of the document the box lives in; rect: the element's client rect in that document.
   */
  function highlight(layer, rect, label) {
    var box = el('div', {class: 'hx-highlight', 'data-label': label || ''});
    box.style.left = rect.left + 'px';
    box.style.top = rect.top + 'px';
    box.style.width = rect.width + 'px';
    box.style.height = rect.height + 'px';
    layer.appendChild(box);
    setTimeout(function () { box.remove(); }, 2500);
    return box;
  }

  /**
   * The element behind a DOM-tool ref in a window that runs Hearth's DOM tools (refs live in a WeakMap
   * the tools keep on that window; see dom-tools/README.md), or null.
   */
  function elementForRef(win, ref) {
    var reg = win && win.__hearthRefs;
    var w = reg && reg.byRef.get(ref);
    var e = w && w.deref();
    return e && e.isConnected ? e : null;
  }

  // ------------------------------------------------------------------ model picker

  /**
   * A model picker: the catalog (name, quantization, size), models already in the browser's cache
   * (Hearth.cache.list), a URL field and a local file. onPick({model, label}) is called on Load.
   */
  function ModelPicker(container, options) {
    var self = this;
    this.options = options;
    this.select = el('select', {class: 'hx-model-select', 'aria-label': 'Model'});
    // type text, not url: a path on this site (/models/x.gguf) is a fine model URL but fails type=url validation.
    this.url = el('input', {class: 'hx-model-url', type: 'text', inputmode: 'url', spellcheck: 'false', 'aria-label': 'Model URL',
      placeholder: 'https://…/model.gguf or /models/x.gguf'});
    this.file = el('input', {class: 'hx-model-file', type: 'file', accept: '.gguf', 'aria-label': 'Model file'});
    this.load = el('button', {type: 'submit', class: 'hx-load', text: 'Load'});
    var form = el('form', {class: 'hx-picker'}, [
      el('label', {}, ['Model ', this.select]),
      el('label', {class: 'hx-url-row'}, ['URL ', this.url]),
      el('label', {class: 'hx-file-row'}, ['or a file ', this.file]),
      this.load]);
    container.appendChild(form);
    this.refresh();
    this.select.addEventListener('change', function () { self.sync(); });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var f = self.file.files && self.file.files[0];
      if (f) {
        options.onPick({model: f, label: f.name});
      } else if (self.url.value.trim()) {
        options.onPick({model: self.url.value.trim(), label: self.url.value.trim().split('/').pop()});
      }
    });
  }

  ModelPicker.prototype.sync = function () {
    var o = this.select.selectedOptions[0];
    if (o && o.value) {
      this.url.value = o.value;
    }
  };

  /** Fills the list: the catalog, then what the cache holds (marked as cached). */
  ModelPicker.prototype.refresh = function () {
    var self = this;
    var cachedList = global.Hearth && global.Hearth.cache ? global.Hearth.cache.list().catch(function () { return []; })
        : Promise.resolve([]);
    return cachedList.then(function (cached) {
      var byUrl = {};
      cached.forEach(function (c) { byUrl[c.url] = c; });
      self.select.textContent = '';
      var known = el('optgroup', {label: 'Small instruct models (Hugging Face)'});
      (global.HearthCatalog || []).forEach(function (m) {
        var c = byUrl[m.url];
        known.appendChild(el('option', {value: m.url, text: m.name + ' · ' + m.quant + ' · '
            + (c ? formatBytes(c.size) + ', cached' : '~' + formatBytes(m.bytes))}));
        delete byUrl[m.url];
      });
      (self.options.extra || []).forEach(function (m) {
        known.appendChild(el('option', {value: m.url, text: m.name}));
        delete byUrl[m.url];
      });
      self.select.appendChild(known);
      var rest = Object.keys(byUrl);
      if (rest.length) {
        var g = el('optgroup', {label: 'In this browser\'s cache'});
        rest.forEach(function (u) {
          g.appendChild(el('option', {value: u, text: u.split('/').pop() + ' · ' + formatBytes(byUrl[u].size) + ', cached'}));
        });
        self.select.appendChild(g);
      }
      // What the field holds now (a URL parameter may have filled it while the list was coming) stays.
      var keep = self.url.value;
      if (keep) {
        Array.prototype.forEach.call(self.select.options, function (o) { o.selected = o.value === keep; });
      } else {
        self.sync();
      }
      return cached;
    });
  };

  global.HearthUI = {
    el: el,
    formatBytes: formatBytes,
    describeProgress: describeProgress,
    describeEngine: describeEngine,
    describeStep: describeStep,
    isAbort: isAbort,
    pageAgent: pageAgent,
    agentPolicy: agentPolicy,
    stepFromTrace: stepFromTrace,
    highlight: highlight,
    elementForRef: elementForRef,
    ProgressView: ProgressView,
    ChatView: ChatView,
    AgentPanel: AgentPanel,
    ModelPicker: ModelPicker
  };
})(window);
