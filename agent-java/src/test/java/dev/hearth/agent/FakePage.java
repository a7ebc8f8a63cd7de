package dev.hearth.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An in-memory page for the loop's tests: a list of elements rendered in dom-tools' snapshot format
 * ({@code - role "name" [ref=eN] [value="..."]}), text lines, and actions that change it. Refs are
 * given once and never reused, as on the real page; acting on a removed element answers as dom-tools does.
 */
final class FakePage implements PageTools {
    static final class El {
        final String ref;
        final String role;
        String name;
        String value = "";
        boolean disabled;
        boolean removed;
        final PageRef facts;
        Consumer<FakePage> onClick = p -> {};
        Consumer<FakePage> onSubmit;

        El(String ref, String role, String name) {
            this.ref = ref;
            this.role = role;
            this.name = name;
            this.facts = new PageRef(ref, role, name);
        }
    }

    private int nextRef = 1;
    final List<El> elements = new ArrayList<>();
    final List<String> text = new ArrayList<>();
    final List<ToolCall> executed = new ArrayList<>();
    String url = "https://shop.example/search";
    int snapshots;
    /** Runs after every snapshot (a page that changes on its own). */
    Runnable afterSnapshot = () -> {};

    El add(String role, String name) {
        El e = new El("e" + nextRef++, role, name);
        elements.add(e);
        return e;
    }

    void remove(El e) {
        e.removed = true;
    }

    El byName(String name) {
        for (El e : elements) {
            if (!e.removed && e.name.equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no element named " + name);
    }

    @Override
    public PageSnapshot snapshot() {
        snapshots++;
        StringBuilder b = new StringBuilder();
        List<PageRef> refs = new ArrayList<>();
        for (String t : text) {
            b.append("- text: ").append(t).append('\n');
        }
        for (El e : elements) {
            if (e.removed) {
                continue;
            }
            b.append("- ").append(e.role).append(" \"").append(e.name).append("\" [ref=").append(e.ref).append(']');
            if (e.disabled) {
                b.append(" [disabled]");
            }
            if (!e.value.isEmpty()) {
                b.append(" [value=\"").append(e.facts.inputType().equals("password") ? "••••" : e.value).append("\"]");
            }
            b.append('\n');
            refs.add(e.facts);
        }
        PageSnapshot s = new PageSnapshot(b.toString(), refs, url);
        afterSnapshot.run();
        return s;
    }

    private El element(String ref) {
        for (El e : elements) {
            if (e.ref.equals(ref)) {
                if (e.removed) {
                    throw new IllegalStateException("ref " + ref + " is no longer on the page (it was removed or re-rendered); take a new snapshot");
                }
                return e;
            }
        }
        throw new IllegalStateException("there is no element with ref " + ref + "; use a ref from the latest snapshot (or take a new snapshot)");
    }

    @Override
    public ActionResult act(ToolCall call) {
        executed.add(call);
        try {
            switch (call.name()) {
                case "click": {
                    El e = element(call.text("ref"));
                    if (e.disabled) {
                        return ActionResult.error(e.role + " \"" + e.name + "\" (" + e.ref + ") is disabled; it cannot be clicked now");
                    }
                    e.onClick.accept(this);
                    if (e.facts.submitsForm() && e.onSubmit != null) {
                        e.onSubmit.accept(this);
                    }
                    return ActionResult.ok("clicked " + e.role + " \"" + e.name + "\" (" + e.ref + ")");
                }
                case "type": {
                    El e = element(call.text("ref"));
                    e.value = call.text("mode").equals("append") ? e.value + call.text("text") : call.text("text");
                    if (call.flag("submit") && e.onSubmit != null) {
                        e.onSubmit.accept(this);
                    }
                    return ActionResult.ok("typed into " + e.role + " \"" + e.name + "\" (" + e.ref + ")");
                }
                case "navigate":
                    url = call.text("url").startsWith("/") ? Origins.of(url, "") + call.text("url") : call.text("url");
                    return ActionResult.ok("went to " + url);
                case "scroll":
                case "press_key":
                case "read":
                    return ActionResult.ok(call.name() + " done");
                default:
                    return ActionResult.error("the fake page does not do " + call.name());
            }
        } catch (IllegalStateException e) {
            return ActionResult.error(e.getMessage());
        }
    }
}
