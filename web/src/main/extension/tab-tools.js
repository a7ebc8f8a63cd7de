// Injected into the tab (after js/hearth.js, the TeaVM JS bundle) by the side panel with
// chrome.scripting.executeScript, in the extension's isolated world: the page's own scripts cannot see
// or call it, and the page's Content-Security-Policy does not apply to it. Starts Hearth's Java there
// and answers the panel's messages {kind: 'hearth.tab', op, args} with {ok, payload}:
//   op 'dom.snapshot' / 'dom.act': Hearth's DOM tools on this tab (see dom-tools/README.md);
//   op 'agent.load' / 'agent.run' / 'agent.cancel': the agent loop, run in this tab on its own copy of the
//     model (each step is also sent to the panel as {kind: 'hearth.step', step});
//   op 'highlight' {ref, label}: outlines the element behind a ref for 2.5 s.
(function () {
  'use strict';
  if (self.__hearthTab) {
    return;
  }
  self.__hearthTab = new Promise(function (resolve) {
    self.HearthBridge = {onReady: resolve};
  });
  main(['js']);
  // The agent loop (agent.run) reports each step here; the panel shows it in its trace.
  self.__hearthAgentStep = function (stepJson) {
    chrome.runtime.sendMessage({kind: 'hearth.step', step: stepJson}).catch(function () {});
  };

  function highlight(args) {
    var reg = self.__hearthRefs;
    var w = reg && reg.byRef.get(args.ref);
    var target = w && w.deref();
    if (!target || !target.isConnected) {
      return false;
    }
    var r = target.getBoundingClientRect();
    var box = document.createElement('div');
    box.setAttribute('aria-hidden', 'true');
    var s = box.style;
    s.position = 'fixed';
    s.left = r.left + 'px';
    s.top = r.top + 'px';
    s.width = r.width + 'px';
    s.height = r.height + 'px';
    s.border = '3px solid #f97316';
    s.borderRadius = '4px';
    s.background = 'rgba(249, 115, 22, 0.15)';
    s.pointerEvents = 'none';
    s.zIndex = '2147483647';
    s.boxSizing = 'border-box';
    document.documentElement.appendChild(box);
    setTimeout(function () { box.remove(); }, 2500);
    return true;
  }

  chrome.runtime.onMessage.addListener(function (msg, sender, sendResponse) {
    if (!msg || msg.kind !== 'hearth.tab') {
      return false;
    }
    if (msg.op === 'highlight') {
      sendResponse({ok: true, payload: JSON.stringify(highlight(msg.args || {}))});
      return false;
    }
    self.__hearthTab.then(function () {
      self.HearthBridge.invoke(msg.op, JSON.stringify(msg.args || {}), function (ok, payload) {
        sendResponse({ok: ok, payload: payload});
      });
    });
    return true; // answers asynchronously
  });
})();
