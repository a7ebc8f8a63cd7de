package dev.hearth.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public surface: parsing errors, reuse, JSON-parsed input, the injected clock. */
class ChatTemplateApiTest {
    @SuppressWarnings("unchecked")
    @Test
    void rendersMessagesParsedByHearthJson() {
        List<Map<String, Object>> messages = (List<Map<String, Object>>) (List<?>) Json.asArray(Json.parse(
                "[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"\","
                        + "\"tool_calls\":[{\"function\":{\"name\":\"f\",\"arguments\":{\"n\":1,\"x\":2.5}}}]}]"));
        ChatTemplate t = new ChatTemplate(OfficialTemplatesTest.resource("Qwen-Qwen2.5-Instruct.jinja"));
        String out = t.render(messages, null, false, null);
        assertTrue(out.contains("{\"name\": \"f\", \"arguments\": {\"n\": 1, \"x\": 2.5}}"), out);
        // parse once, render many: the same object gives the same text
        assertEquals(out, t.render(messages, null, false, null));
    }

    @Test
    void syntaxErrorNamesTheLine() {
        ChatTemplateException e = assertThrows(ChatTemplateException.class,
                () -> new ChatTemplate("line one\n{% if x %}\nno end"));
        assertTrue(e.getMessage().contains("endif"), e.getMessage());
        ChatTemplateException e2 = assertThrows(ChatTemplateException.class,
                () -> new ChatTemplate("a\nb\n{{ x + }}"));
        assertTrue(e2.getMessage().contains("line 3"), e2.getMessage());
        assertFalse(e2.raisedByTemplate());
    }

    @Test
    void raiseExceptionKeepsTheTemplatesMessage() {
        ChatTemplateException e = assertThrows(ChatTemplateException.class,
                () -> new ChatTemplate("{{ raise_exception('roles must alternate') }}").render(Map.of()));
        assertEquals("roles must alternate", e.getMessage());
        assertTrue(e.raisedByTemplate());
    }

    @Test
    void strftimeNowReadsTheInjectedClock() {
        ChatTemplate t = new ChatTemplate("{{ strftime_now('%d %b %Y|%Y-%m-%d %H:%M:%S|%A %B %e') }}")
                .withClock(() -> 951_782_400_000L + 3_723_000L); // 2000-02-29T01:02:03Z
        assertEquals("29 Feb 2000|2000-02-29 01:02:03|Tuesday February 29", t.render(Map.of()));
    }

    @Test
    void extraVariablesReachTheTemplate() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("bos_token", "<s>");
        extra.put("enable_thinking", false);
        String out = new ChatTemplate("{{ bos_token }}{{ enable_thinking is false }}{{ tools is none }}{{ add_generation_prompt }}")
                .render(List.of(), null, true, extra);
        assertEquals("<s>TrueTrueTrue", out);
    }

    /** transformers' {% generation %} (AssistantTracker) only marks text for training masks: body renders as is. */
    @Test
    void generationBlockIsPassThrough() {
        assertEquals("[a][b]", new ChatTemplate(
                "{% for m in ms %}{% generation %}[{{ m }}]{% endgeneration %}{% endfor %}")
                .render(Map.of("ms", List.of("a", "b"))));
    }
}
