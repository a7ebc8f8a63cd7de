package dev.hearth.web;

import dev.hearth.chat.ChatTemplate;
import dev.hearth.json.Json;
import dev.hearth.web.bridge.JsBridge;
import java.util.List;
import java.util.Map;

/**
 * {@code chat.render} {template, messages, tools, add_generation_prompt, extra}: renders a model's chat
 * template in the page with the same Java as on the JVM (the engine will render prompts with it).
 */
final class ChatApi {
    private ChatApi() {}

    @SuppressWarnings("unchecked")
    static void register(Map<String, JsBridge.Operation> ops) {
        ops.put("chat.render", argsJson -> {
            Map<String, Object> a = Json.asObject(Json.parse(argsJson));
            ChatTemplate t = new ChatTemplate((String) a.get("template"));
            List<Map<String, Object>> messages = (List<Map<String, Object>>) (List<?>) Json.asArray(a.get("messages"));
            List<Map<String, Object>> tools = a.get("tools") == null ? null
                    : (List<Map<String, Object>>) (List<?>) Json.asArray(a.get("tools"));
            Map<String, Object> extra = a.get("extra") == null ? new java.util.LinkedHashMap<>() : Json.asObject(a.get("extra"));
            String text = t.render(messages, tools, Boolean.TRUE.equals(a.get("add_generation_prompt")), extra);
            return Json.write(text);
        });
    }
}
