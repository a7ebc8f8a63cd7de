package dev.hearth.web;

import dev.hearth.dom.DomOps;
import dev.hearth.web.bridge.JsBridge;
import java.util.Map;

/** The page's DOM tools: {@code dom.snapshot} and {@code dom.act} (see {@link DomOps}), behind {@code Hearth.dom}. */
public final class DomApi {
    private DomApi() {}

    public static void register(Map<String, JsBridge.Operation> ops) {
        ops.put("dom.snapshot", DomOps::snapshot);
        ops.put("dom.act", DomOps::act);
    }
}
