package dev.hearth.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hearth.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders the models' own chat templates (resources chat-templates/*.jinja, provenance in the README
 * there) for every case of cases.json and compares with expected/NAME.txt, which render_expected.py
 * wrote with Python's Jinja2 set up as transformers' apply_chat_template. A case whose template calls
 * raise_exception expects the text "raise_exception: MESSAGE"; one where Jinja2 itself fails (e.g. iterating
 * {@code tools} when it is None) expects "error".
 */
class OfficialTemplatesTest {
    /** 2024-07-26T00:00:00Z, the clock render_expected.py uses for strftime_now. */
    static final long FIXED_CLOCK_MILLIS = 1721952000_000L;

    static String resource(String name) {
        try (InputStream in = OfficialTemplatesTest.class.getResourceAsStream("/chat-templates/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource chat-templates/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Map<String, Object>> cases() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object c : Json.asArray(Json.parse(resource("cases.json")))) {
            out.add(Json.asObject(c));
        }
        return out.stream();
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsJinja2Does(Map<String, Object> c) {
        ChatTemplate template = new ChatTemplate(resource((String) c.get("template")))
                .withClock(() -> FIXED_CLOCK_MILLIS);
        String actual;
        try {
            actual = template.render((List<Map<String, Object>>) (List<?>) c.get("messages"),
                    (List<Map<String, Object>>) (List<?>) c.get("tools"),
                    (Boolean) c.get("add_generation_prompt"), (Map<String, Object>) c.get("extra"));
        } catch (ChatTemplateException e) {
            actual = e.raisedByTemplate() ? "raise_exception: " + e.getMessage() : "error";
        }
        assertEquals(resource("expected/" + c.get("name") + ".txt"), actual, "case " + c.get("name"));
    }
}
