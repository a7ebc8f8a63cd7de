package dev.hearth.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hearth.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One small template per interpreter feature (whitespace control, trim/lstrip_blocks, loops, scoping,
 * macros, slicing, tests, filters, Python reprs, tojson) from chat-templates/snippets.json, compared
 * with what Python's Jinja2 rendered (expected/snippets.json, written by render_expected.py).
 * "error" means Jinja2 failed; "raise_exception: MSG" means the template raised.
 */
class InterpreterSnippetsTest {
    static Stream<Arguments> snippets() {
        Map<String, Object> all = Json.asObject(Json.parse(OfficialTemplatesTest.resource("snippets.json")));
        Map<String, Object> expected = Json.asObject(Json.parse(OfficialTemplatesTest.resource("expected/snippets.json")));
        List<Arguments> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : all.entrySet()) {
            out.add(Arguments.of(e.getKey(), Json.asObject(e.getValue()), expected.get(e.getKey())));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snippets")
    void rendersAsJinja2Does(String name, Map<String, Object> snippet, String expected) {
        String actual;
        try {
            actual = new ChatTemplate((String) snippet.get("source")).render(Json.asObject(snippet.get("vars")));
        } catch (ChatTemplateException e) {
            actual = e.raisedByTemplate() ? "raise_exception: " + e.getMessage() : "error";
        }
        assertEquals(expected, actual, name);
    }
}
