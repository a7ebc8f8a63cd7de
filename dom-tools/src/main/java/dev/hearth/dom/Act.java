package dev.hearth.dom;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArray;

/** The JS half of the actions: event sequences and small DOM operations, one per helper. */
final class Act {
    private Act() {}

    interface Hit extends JSObject {
        /** ok, covered, nosize, outside */
        @JSProperty String getState();
        @JSProperty double getX();
        @JSProperty double getY();
        @JSProperty JSObject getCover();
    }

    interface Scrolled extends JSObject {
        @JSProperty double getX();
        @JSProperty double getY();
        @JSProperty double getMaxX();
        @JSProperty double getMaxY();
        @JSProperty boolean isMoved();
    }

    interface Waited extends JSObject {
        @JSProperty boolean isOk();
        @JSProperty int getMs();
        @JSProperty int getMutations();
    }

    @JSBody(params = "e", script = "try { e.scrollIntoView({block: 'center', inline: 'center', behavior: 'instant'}); }"
            + " catch (x) { e.scrollIntoView(); }")
    static native void scrollIntoView(JSObject e);

    /** Where a click on the element would land, and what is there. */
    @JSBody(params = "e", script = ""
            + "var r = e.getBoundingClientRect(); var w = e.ownerDocument.defaultView;"
            + "if (r.width < 1 || r.height < 1) return {state: 'nosize', x: 0, y: 0, cover: null};"
            + "var l = Math.max(r.left, 0), t = Math.max(r.top, 0), rr = Math.min(r.right, w.innerWidth), bot = Math.min(r.bottom, w.innerHeight);"
            + "if (rr <= l || bot <= t) return {state: 'outside', x: 0, y: 0, cover: null};"
            + "var x = (l + rr) / 2, y = (t + bot) / 2;"
            + "var hit = e.ownerDocument.elementFromPoint(x, y);"
            + "for (var i = 0; i < 30 && hit && hit.shadowRoot; i++) { var h2 = hit.shadowRoot.elementFromPoint(x, y); if (!h2 || h2 === hit) break; hit = h2; }"
            + "if (!hit) return {state: 'ok', x: x, y: y, cover: null};"
            + "function inside(n, anc) { for (var k = 0; k < 200 && n; k++) { if (n === anc) return true; n = n.parentNode || n.host; } return false; }"
            + "if (inside(hit, e)) return {state: 'ok', x: x, y: y, cover: null};"
            + "if (e.labels) { for (var j = 0; j < e.labels.length; j++) if (inside(hit, e.labels[j])) return {state: 'ok', x: x, y: y, cover: null}; }"
            + "if (hit.localName === 'label' && hit.control === e) return {state: 'ok', x: x, y: y, cover: null};"
            + "if (inside(e, hit) && !hit.onclick && w.getComputedStyle(hit).pointerEvents !== 'none' && (e.localName === 'option')) return {state: 'ok', x: x, y: y, cover: null};"
            + "return {state: 'covered', x: x, y: y, cover: hit};")
    static native Hit hitTest(JSObject e);

    /** A short description of an element for messages: tag, id, class, a bit of text. */
    @JSBody(params = "e", script = ""
            + "var s = '<' + e.localName; if (e.id) s += ' id=\"' + e.id + '\"';"
            + "var c = typeof e.className === 'string' ? e.className.trim() : '';"
            + "if (c) s += ' class=\"' + c.split(/\\s+/).slice(0, 3).join(' ') + '\"';"
            + "s += '>'; var t = (e.innerText || e.textContent || '').trim().replace(/\\s+/g, ' ');"
            + "if (t) s += ' \"' + (t.length > 40 ? t.slice(0, 40) + '…' : t) + '\"'; return s;")
    static native String describe(JSObject e);

    @JSBody(params = {"e", "x", "y", "buttons"}, script = ""
            + "var w = e.ownerDocument.defaultView;"
            + "var o = {bubbles: true, cancelable: true, composed: true, clientX: x, clientY: y, view: w, button: 0, buttons: 0,"
            + "  pointerId: 1, pointerType: 'mouse', isPrimary: true};"
            + "function ev(C, t, extra, bubbles) { var a = Object.assign({}, o, extra || {}); if (bubbles === false) a.bubbles = false;"
            + "  return e.dispatchEvent(new C(t, a)); }"
            + "var P = w.PointerEvent || w.MouseEvent, M = w.MouseEvent;"
            + "ev(P, 'pointerover'); ev(P, 'pointerenter', null, false); ev(M, 'mouseover'); ev(M, 'mouseenter', null, false);"
            + "ev(P, 'pointermove'); ev(M, 'mousemove');"
            + "if (!buttons) return true;"
            + "var down = ev(P, 'pointerdown', {buttons: 1});"
            + "if (down) down = ev(M, 'mousedown', {buttons: 1, detail: 1});"
            + "if (down) { var f = e.closest ? e.closest('a[href],button,input,select,textarea,summary,[tabindex],[contenteditable=\"\"],[contenteditable=true]') : null;"
            + "  var doc = e.ownerDocument;"
            + "  if (f && f.focus) { f.focus({preventScroll: true}); } else if (doc.activeElement && doc.activeElement !== doc.body && doc.activeElement.blur) { doc.activeElement.blur(); } }"
            + "ev(P, 'pointerup'); ev(M, 'mouseup', {detail: 1});"
            + "return ev(M, 'click', {detail: 1});")
    static native boolean pointerSequence(JSObject e, double x, double y, boolean buttons);

    /** Whether clicking this element leads to another document (a link not handled by script). */
    @JSBody(params = "e", script = ""
            + "var a = e.closest ? e.closest('a[href],area[href]') : null; if (!a) return '';"
            + "if (a.target && a.target !== '_self') return '';"
            + "var u = new URL(a.href, location.href), h = new URL(location.href);"
            + "if (u.href.split('#')[0] === h.href.split('#')[0] && u.hash) return '';"
            + "if (u.protocol === 'javascript:') return '';"
            + "return u.href;")
    static native String linkTarget(JSObject e);

    @JSBody(params = {"e", "v"}, script = ""
            + "var proto = Object.getPrototypeOf(e), d = null;"
            + "while (proto && !(d = Object.getOwnPropertyDescriptor(proto, 'value'))) proto = Object.getPrototypeOf(proto);"
            + "if (d && d.set) d.set.call(e, v); else e.value = v;")
    static native void setNativeValue(JSObject e, String v);

    @JSBody(params = {"e", "type", "inputType", "data"}, script = ""
            + "var w = e.ownerDocument.defaultView; var I = w.InputEvent || w.Event;"
            + "return e.dispatchEvent(new I(type, {bubbles: true, cancelable: type === 'beforeinput', composed: true, inputType: inputType, data: data}));")
    static native boolean inputEvent(JSObject e, String type, String inputType, String data);

    @JSBody(params = {"e", "type"}, script = "var w = e.ownerDocument.defaultView;"
            + "return e.dispatchEvent(new w.Event(type, {bubbles: true, cancelable: false, composed: type !== 'change'}));")
    static native boolean plainEvent(JSObject e, String type);

    /** A keyboard event for a key name; returns false when a listener cancelled it. */
    @JSBody(params = {"e", "type", "key", "mods"}, script = ""
            + "var w = (e.ownerDocument || e).defaultView || window;"
            + "var codes = {Enter: 13, Tab: 9, Escape: 27, Backspace: 8, ' ': 32, ArrowLeft: 37, ArrowUp: 38, ArrowRight: 39,"
            + "  ArrowDown: 40, Home: 36, End: 35, PageUp: 33, PageDown: 34, Delete: 46, Shift: 16, Control: 17, Alt: 18, Meta: 91};"
            + "var kc = codes[key] || (key.length === 1 ? key.toUpperCase().charCodeAt(0) : 0);"
            + "var code = key === ' ' ? 'Space' : key.length === 1 ? (/[a-z]/i.test(key) ? 'Key' + key.toUpperCase()"
            + "  : /[0-9]/.test(key) ? 'Digit' + key : '') : key;"
            + "var ev = new w.KeyboardEvent(type, {key: key, code: code, keyCode: kc, which: kc, charCode: type === 'keypress' ? key.charCodeAt(0) : 0,"
            + "  bubbles: true, cancelable: true, composed: true, view: w,"
            + "  ctrlKey: mods.indexOf('c') >= 0, shiftKey: mods.indexOf('s') >= 0, altKey: mods.indexOf('a') >= 0, metaKey: mods.indexOf('m') >= 0});"
            + "return e.dispatchEvent(ev);")
    static native boolean key(JSObject e, String type, String key, String mods);

    @JSBody(params = "e", script = "if (e.focus) e.focus({preventScroll: false});")
    static native void focus(JSObject e);

    /** Replaces or extends the content of a contenteditable element as typing would. */
    @JSBody(params = {"e", "text", "append"}, script = ""
            + "var doc = e.ownerDocument, w = doc.defaultView; e.focus();"
            + "var sel = w.getSelection(), r = doc.createRange(); r.selectNodeContents(e); if (append) r.collapse(false);"
            + "sel.removeAllRanges(); sel.addRange(r);"
            + "var done = false; try { done = doc.execCommand('insertText', false, text); } catch (x) {}"
            + "if (!done) { if (append) e.appendChild(doc.createTextNode(text)); else e.textContent = text;"
            + "  e.dispatchEvent(new (w.InputEvent || w.Event)('input', {bubbles: true, composed: true, inputType: 'insertText', data: text})); }"
            + "return e.innerText;")
    static native String typeEditable(JSObject e, String text, boolean append);

    /** Selects the option of a native select that matches by value or label; returns its label, or "" when none matches. */
    @JSBody(params = {"e", "want"}, script = ""
            + "var opts = Array.prototype.slice.call(e.options), w = want.trim(), lw = w.toLowerCase(), pick = null;"
            + "var tests = [function(o) { return o.value === want; }, function(o) { return o.label.trim() === w || o.text.trim() === w; },"
            + "  function(o) { return o.label.trim().toLowerCase() === lw || o.value.toLowerCase() === lw; },"
            + "  function(o) { return o.label.toLowerCase().indexOf(lw) >= 0; }];"
            + "for (var t = 0; t < tests.length && !pick; t++) { for (var i = 0; i < opts.length; i++) if (!opts[i].disabled && tests[t](opts[i])) { pick = opts[i]; break; } }"
            + "if (!pick) return '';"
            + "if (e.multiple) pick.selected = true; else e.selectedIndex = pick.index;"
            + "var wv = e.ownerDocument.defaultView;"
            + "e.dispatchEvent(new wv.Event('input', {bubbles: true, composed: true})); e.dispatchEvent(new wv.Event('change', {bubbles: true}));"
            + "return pick.label || pick.text || pick.value;")
    static native String selectNative(JSObject e, String want);

    @JSBody(params = "e", script = "return Array.prototype.slice.call(e.options).map(function(o) { return o.label || o.text; }).join(', ');")
    static native String optionLabels(JSObject e);

    /** Moves focus to the next (or previous) element in tab order, looking into open shadow roots; returns it or null. */
    @JSBody(params = {"from", "back"}, script = ""
            + "var all = [];"
            + "function visit(n) { var kids = n.shadowRoot ? n.shadowRoot.children : n.children;"
            + "  for (var i = 0; i < kids.length; i++) { var k = kids[i];"
            + "    if (k.tabIndex >= 0 && !k.disabled && k.checkVisibility && k.checkVisibility() && !k.closest('[inert]')"
            + "        && !(k.localName === 'input' && k.type === 'hidden')) all.push(k);"
            + "    visit(k); } }"
            + "visit(document.body);"
            + "var pos = all.filter(function(k) { return k.tabIndex > 0; }).sort(function(a, b) { return a.tabIndex - b.tabIndex; });"
            + "var order = pos.concat(all.filter(function(k) { return k.tabIndex === 0; }));"
            + "if (!order.length) return null;"
            + "var i = from ? order.indexOf(from) : -1;"
            + "var next = i < 0 ? (back ? order[order.length - 1] : order[0]) : order[(i + (back ? -1 : 1) + order.length) % order.length];"
            + "next.focus(); return next;")
    static native JSObject focusNext(JSObject from, boolean back);

    @JSBody(params = {"e", "dx", "dy"}, script = ""
            + "var t = e || document.scrollingElement || document.documentElement;"
            + "var bx = t.scrollLeft, by = t.scrollTop;"
            + "if (e) t.scrollBy({left: dx, top: dy, behavior: 'instant'}); else window.scrollBy({left: dx, top: dy, behavior: 'instant'});"
            + "return {x: t.scrollLeft, y: t.scrollTop, maxX: t.scrollWidth - t.clientWidth, maxY: t.scrollHeight - t.clientHeight,"
            + "  moved: t.scrollLeft !== bx || t.scrollTop !== by};")
    static native Scrolled scrollBy(JSObject e, double dx, double dy);

    @JSBody(params = "e", script = "return e ? e.clientHeight : window.innerHeight;")
    static native double viewHeight(JSObject e);

    @JSBody(params = "e", script = "return e ? e.clientWidth : window.innerWidth;")
    static native double viewWidth(JSObject e);

    /** Starts counting DOM mutations (document and same-origin frames); returns the counter. */
    @JSBody(params = {}, script = ""
            + "var c = {n: 0, last: Date.now()};"
            + "c.obs = new MutationObserver(function(l) { c.n += l.length; c.last = Date.now(); });"
            + "c.obs.observe(document.documentElement, {subtree: true, childList: true, attributes: true, characterData: true});"
            + "return c;")
    static native JSObject observe();

    /** Resolves with {ok, ms, mutations} once no mutation came for quietMs (ok) or after maxMs (not ok). */
    @JSBody(params = {"c", "quietMs", "maxMs"}, script = ""
            + "var start = Date.now(); c.last = Math.max(c.last, start);"
            + "return new Promise(function(res) {"
            + "  function tick() { var now = Date.now();"
            + "    if (now - c.last >= quietMs || now - start >= maxMs) { c.obs.disconnect();"
            + "      res({ok: now - c.last >= quietMs, ms: now - start, mutations: c.n}); return; }"
            + "    setTimeout(tick, 25); }"
            + "  setTimeout(tick, 25); });")
    static native JSObject settle(JSObject counter, int quietMs, int maxMs);

    /** Resolves with {ok, ms} when the text or ref appears (or disappears), or with ok false after the timeout. */
    @JSBody(params = {"text", "ref", "gone", "timeout"}, script = ""
            + "function deepText() { var parts = [document.body ? document.body.innerText : ''];"
            + "  var els = document.querySelectorAll('*');"
            + "  for (var i = 0; i < els.length; i++) { var el = els[i];"
            + "    if (el.shadowRoot) { var k = el.shadowRoot.children; for (var j = 0; j < k.length; j++) parts.push(k[j].innerText || ''); }"
            + "    if (el.localName === 'iframe') { try { parts.push(el.contentDocument.body.innerText); } catch (x) {} } }"
            + "  return parts.join('\\n'); }"
            + "function norm(s) { return s.replace(/\\s+/g, ' ').toLowerCase(); }"
            + "function present() {"
            + "  if (ref) { var g = window.__hearthRefs, w = g && g.byRef.get(ref), e = w && w.deref();"
            + "    var there = !!(e && e.isConnected && (!e.checkVisibility || e.checkVisibility()));"
            + "    if (!text) return there; if (!there) return false; }"
            + "  return norm(deepText()).indexOf(norm(text)) >= 0; }"
            + "var start = Date.now();"
            + "return new Promise(function(res) {"
            + "  var obs = null, timer = null, done = false;"
            + "  function check() { if (done) return; if (present() !== gone) { finish(true); } else if (Date.now() - start >= timeout) { finish(false); } }"
            + "  function finish(ok) { done = true; if (obs) obs.disconnect(); clearInterval(timer); res({ok: ok, ms: Date.now() - start, mutations: 0}); }"
            + "  obs = new MutationObserver(check);"
            + "  obs.observe(document.documentElement, {subtree: true, childList: true, attributes: true, characterData: true});"
            + "  timer = setInterval(check, 100); check(); });")
    static native JSObject waitFor(String text, String ref, boolean gone, int timeout);

    /** Open dialogs (native and ARIA) that are visible. */
    @JSBody(params = {}, script = ""
            + "return Array.prototype.slice.call(document.querySelectorAll('dialog[open],[role=dialog],[role=alertdialog]'))"
            + "  .filter(function(d) { return (!d.checkVisibility || d.checkVisibility()) && d.getAttribute('aria-hidden') !== 'true'; });")
    static native JSArray<JSObject> openDialogs();

    /** Live regions and alerts that show text. */
    @JSBody(params = {}, script = ""
            + "return Array.prototype.slice.call(document.querySelectorAll('[role=alert],[role=status],[aria-live=assertive],[aria-live=polite],output'))"
            + "  .filter(function(d) { return (!d.checkVisibility || d.checkVisibility()) && (d.innerText || '').trim(); })"
            + "  .map(function(d) { return (d.innerText || '').trim().replace(/\\s+/g, ' '); }).join(' | ');")
    static native String liveText();

    // The page leaves 250 ms after answering, so the answer reaches the caller (the agent, a test)
    // before the page unloads, even on a loaded machine (20 ms lost that race in CI).
    @JSBody(params = {"url"}, script = ""
            + "if (url === 'back') { setTimeout(function() { history.back(); }, 250); return 'back'; }"
            + "if (url === 'forward') { setTimeout(function() { history.forward(); }, 250); return 'forward'; }"
            + "if (url === 'reload') { setTimeout(function() { location.reload(); }, 250); return location.href; }"
            + "var u; try { u = new URL(url, location.href); } catch (x) { return 'bad:' + x.message; }"
            + "if (u.origin !== location.origin) return 'origin:' + u.origin;"
            + "if (u.href.split('#')[0] === location.href.split('#')[0] && u.hash) { location.hash = u.hash; return 'hash:' + u.href; }"
            + "setTimeout(function() { location.href = u.href; }, 250); return u.href;")
    static native String navigate(String url);

    /** Text of the section a heading starts: the heading and what follows until a heading of the same or higher level. */
    @JSBody(params = "h", script = ""
            + "var lvl = +(h.getAttribute('aria-level') || (h.localName.charAt(0) === 'h' ? h.localName.charAt(1) : 2)) || 2;"
            + "var parts = [h.innerText], n = h.nextElementSibling;"
            + "while (n) { var m = /^h([1-6])$/.exec(n.localName); var l2 = m ? +m[1] : (n.getAttribute('role') === 'heading' ? +(n.getAttribute('aria-level') || 2) : 0);"
            + "  if (l2 && l2 <= lvl) break; var hs = n.querySelector && n.querySelector('h1,h2,h3,h4,h5,h6'); "
            + "  parts.push(n.innerText || n.textContent || ''); n = n.nextElementSibling; }"
            + "return parts.join('\\n');")
    static native String sectionText(JSObject h);

    @JSBody(params = {}, script = "return Array.prototype.slice.call(document.querySelectorAll("
            + "'main,nav,header,footer,aside,form,section,article,table,ul,ol,dl,fieldset,dialog,h1,h2,h3,h4,h5,h6,[role]'));")
    static native JSArray<JSObject> regionCandidates();

    @JSBody(params = {"e", "sel"}, script = "var ids = (e.getAttribute('aria-controls') || '') + ' ' + (e.getAttribute('aria-owns') || '');"
            + "var r = e.getRootNode(); var out = [];"
            + "ids.split(/\\s+/).forEach(function(id) { if (id) { var t = r.getElementById ? r.getElementById(id) : document.getElementById(id); if (t) out.push(t); } });"
            + "return out;")
    static native JSArray<JSObject> controlled(JSObject e, String sel);

    @JSBody(params = "e", script = "return Array.prototype.slice.call((e.getRootNode().querySelectorAll ? e.getRootNode() : document).querySelectorAll('[role=listbox],[role=menu],[role=tree],[role=grid]'))"
            + ".concat(e.getRootNode() !== document ? Array.prototype.slice.call(document.querySelectorAll('[role=listbox],[role=menu]')) : [])"
            + ".filter(function(x) { return !x.checkVisibility || x.checkVisibility(); });")
    static native JSArray<JSObject> visiblePopups(JSObject e);

    @JSBody(params = {"e", "type"}, script = "var w = e.ownerDocument.defaultView;"
            + "return e.dispatchEvent(new w.Event(type, {bubbles: false, cancelable: true}));")
    static native boolean plainEventCancelable(JSObject e, String type);

    @JSBody(params = "d", script = "d.close();")
    static native void closeDialog(JSObject d);

    @JSBody(params = {"e", "step"}, script = "var i = e.selectedIndex + step, n = e.options.length;"
            + "while (i >= 0 && i < n && e.options[i].disabled) i += step;"
            + "if (i < 0 || i >= n) return; e.selectedIndex = i; var w = e.ownerDocument.defaultView;"
            + "e.dispatchEvent(new w.Event('input', {bubbles: true, composed: true})); e.dispatchEvent(new w.Event('change', {bubbles: true}));")
    static native void stepSelect(JSObject e, int step);

    @JSBody(params = "e", script = "if (e.select) e.select();")
    static native void selectAll(JSObject e);

    /** Implicit submission, as Enter in a field does: only when the form has a submit button or a single field. */
    @JSBody(params = "f", script = "var sub = f.querySelector('button:not([type]),button[type=submit],input[type=submit],input[type=image]');"
            + "var fields = f.querySelectorAll('input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=button]):not([type=submit])');"
            + "if (sub && sub.disabled) return;"
            + "if (sub || fields.length === 1) { if (f.requestSubmit) f.requestSubmit(sub || undefined); else f.submit(); }")
    static native void requestSubmit(JSObject f);
}
