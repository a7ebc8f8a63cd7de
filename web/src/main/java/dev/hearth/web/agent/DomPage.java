package dev.hearth.web.agent;

import dev.hearth.agent.ActionResult;
import dev.hearth.agent.PageRef;
import dev.hearth.agent.PageSnapshot;
import dev.hearth.agent.PageTools;
import dev.hearth.agent.ToolCall;
import dev.hearth.dom.DomOps;
import dev.hearth.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.JSBody;

/**
 * The agent's page in the browser: dom-tools on this document. The snapshot's refs get the facts the
 * safety policy needs and the snapshot text does not show (input type, autocomplete, form, submit
 * button, link target, download), read from the elements behind the refs without changing dom-tools.
 */
final class DomPage implements PageTools {

    @Override
    public PageSnapshot snapshot() {
        Map<String, Object> s = Json.asObject(Json.parse(DomOps.snapshot("{}")));
        List<Object> refList = Json.asArray(s.get("refs"));
        List<Object> names = new ArrayList<>();
        for (Object o : refList) {
            names.add(Json.asObject(o).get("ref"));
        }
        Map<String, Object> facts = Json.asObject(Json.parse(facts(Json.write(names))));
        List<PageRef> refs = new ArrayList<>();
        for (Object o : refList) {
            Map<String, Object> r = Json.asObject(o);
            String ref = (String) r.get("ref");
            PageRef p = new PageRef(ref, (String) r.get("role"), (String) r.get("name"));
            Object f = facts.get(ref);
            if (f != null) {
                Map<String, Object> m = Json.asObject(f);
                p.withInputType((String) m.get("type")).withAutocomplete((String) m.get("autocomplete"))
                        .inForm(Boolean.TRUE.equals(m.get("inForm"))).submitsForm(Boolean.TRUE.equals(m.get("submits")))
                        .withHref((String) m.get("href")).download(Boolean.TRUE.equals(m.get("download")));
            }
            refs.add(p);
        }
        return new PageSnapshot((String) s.get("text"), refs, (String) s.get("url"));
    }

    @Override
    public ActionResult act(ToolCall call) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("tool", call.name());
        a.put("args", new LinkedHashMap<>(call.arguments()));
        Map<String, Object> r = Json.asObject(Json.parse(DomOps.act(Json.write(a))));
        String message = r.get("message") == null ? "" : String.valueOf(r.get("message"));
        if (r.get("text") != null && call.name().equals("read")) {
            message = message + "\n" + r.get("text");
        }
        return new ActionResult(Boolean.TRUE.equals(r.get("ok")), message, r.get("url") == null ? "" : String.valueOf(r.get("url")));
    }

    /**
     * {ref: {type, autocomplete, inForm, submits, href, download}} for the refs (a JSON array). href is set
     * only for a link that leaves this document (not a same-page #hash, not javascript:), as dom-tools' click sees it.
     */
    @JSBody(params = "refsJson", script = ""
            + "var registry = window.__hearthRefs, wanted = JSON.parse(refsJson), answer = {};"
            + "wanted.forEach(function(ref) {"
            + "  var weak = registry && registry.byRef.get(ref), el = weak && weak.deref(); if (!el) return;"
            + "  var tag = el.localName;"
            + "  var kind = (tag === 'input' || tag === 'button' || tag === 'textarea' || tag === 'select') ? String(el.type || '') : '';"
            + "  var form = el.form || (el.closest ? el.closest('form') : null);"
            + "  var submits = !!form && ((tag === 'button' && el.type === 'submit') || (tag === 'input' && (el.type === 'submit' || el.type === 'image')));"
            + "  var link = el.closest ? el.closest('a[href],area[href]') : null, target = '', download = false;"
            + "  if (link) { download = link.hasAttribute('download');"
            + "    var there = new URL(link.href, location.href), here = location.href.split('#')[0];"
            + "    var samePage = there.href.split('#')[0] === here && there.hash;"
            + "    if (there.protocol !== 'javascript:' && !samePage) target = there.href; }"
            + "  answer[ref] = {type: kind, autocomplete: el.getAttribute('autocomplete') || '', inForm: !!form,"
            + "    submits: submits, href: target, download: download}; });"
            + "return JSON.stringify(answer);")
    private static native String facts(String refsJson);
}
