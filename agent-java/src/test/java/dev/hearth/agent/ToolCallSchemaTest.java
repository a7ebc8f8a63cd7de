package dev.hearth.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.json.Json;
import dev.hearth.tools.DomTools;
import dev.hearth.tools.ToolSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent's call schema ({@link AgentTools#callSchema}, built by {@link dev.hearth.grammar.ToolCallSchema}) and call checks. */
class ToolCallSchemaTest {

    @Test
    void clickIsAnObjectWithAConstNameAndARefEnum() {
        Map<String, Object> s = AgentTools.callSchema(List.of(DomTools.CLICK, AgentTools.DONE), List.of("e1", "e4"));
        assertEquals("{\"anyOf\":[{\"type\":\"object\",\"properties\":{\"name\":{\"const\":\"click\"},"
                + "\"arguments\":{\"type\":\"object\",\"properties\":{\"ref\":{\"type\":\"string\",\"description\":"
                + "\"The element to click. Refs look like e12 and come from the latest snapshot.\",\"enum\":[\"e1\",\"e4\"]}},"
                + "\"required\":[\"ref\"],\"additionalProperties\":false}},\"required\":[\"name\",\"arguments\"],\"additionalProperties\":false},"
                + "{\"type\":\"object\",\"properties\":{\"name\":{\"const\":\"done\"},\"arguments\":{\"type\":\"object\",\"properties\":"
                + "{\"answer\":{\"type\":\"string\",\"description\":\"The answer for the user.\",\"maxLength\":100}},\"required\":[\"answer\"],"
                + "\"additionalProperties\":false}},\"required\":[\"name\",\"arguments\"],\"additionalProperties\":false}]}",
                Json.write(s));
    }

    @Test
    void everyRefParameterOfEveryToolIsLimitedToTheSnapshot() {
        List<String> refs = List.of("e2", "e3");
        Map<String, Object> s = AgentTools.callSchema(AgentTools.all(), refs);
        List<Object> alternatives = Json.asArray(s.get("anyOf"));
        assertEquals(AgentTools.all().size(), alternatives.size());
        int refParams = 0;
        for (Object a : alternatives) {
            Map<String, Object> props = Json.asObject(Json.asObject(Json.asObject(Json.asObject(a).get("properties")).get("arguments")).get("properties"));
            for (Map.Entry<String, Object> p : props.entrySet()) {
                if (AgentTools.isRefParam(p.getKey())) {
                    assertEquals(refs, Json.asObject(p.getValue()).get("enum"), p.getKey());
                    refParams++;
                }
            }
        }
        assertEquals(11, refParams, "ref in click, type, press_key, select_option, check, uncheck, hover, scroll, read, wait_for; to in scroll");
    }

    @Test
    void withoutRefsToolsThatNeedOneAreLeftOut() {
        Map<String, Object> s = AgentTools.callSchema(AgentTools.all(), List.of());
        String json = Json.write(s);
        assertFalse(json.contains("\"const\":\"click\""), json);
        assertTrue(json.contains("\"const\":\"scroll\""), json);
        assertFalse(json.contains("\"to\":"), "the optional ref parameters are dropped");
        assertTrue(json.contains("\"const\":\"done\""), json);
        assertThrows(IllegalArgumentException.class, () -> AgentTools.callSchema(List.of(DomTools.CLICK), List.of()));
    }

    @Test
    void aSingleCallableToolStaysAnAnyOfAndStringsAreCapped() {
        Map<String, Object> s = AgentTools.callSchema(List.of(DomTools.CLICK, DomTools.NAVIGATE, AgentTools.DONE), List.of());
        String json = Json.write(s);
        assertEquals(2, Json.asArray(s.get("anyOf")).size(), json);
        assertTrue(json.contains("\"maxLength\":" + AgentTools.SHORT_TEXT), "url gets the short cap: " + json);
        assertTrue(json.contains("\"maxLength\":" + AgentTools.LONG_TEXT), "answer gets the long cap: " + json);
        Map<String, Object> one = AgentTools.callSchema(List.of(DomTools.CLICK, AgentTools.DONE), List.of());
        assertEquals(1, Json.asArray(one.get("anyOf")).size(), Json.write(one));
    }

    @Test
    void problemsAreWordedForTheModel() {
        List<ToolSpec> tools = AgentTools.all();
        List<String> refs = List.of("e1");
        assertNull(AgentTools.problem(ToolCall.parse("{\"name\":\"click\",\"arguments\":{\"ref\":\"e1\"}}"), tools, refs));
        assertNull(AgentTools.problem(ToolCall.parse("{\"name\":\"scroll\",\"arguments\":{\"direction\":\"down\",\"pages\":2}}"), tools, refs));
        assertEquals("ref e12 is not in the current snapshot; take a new snapshot",
                AgentTools.problem(ToolCall.parse("{\"name\":\"click\",\"arguments\":{\"ref\":\"e12\"}}"), tools, refs));
        assertEquals("scroll: 'direction' must be one of up, down, left, right",
                AgentTools.problem(ToolCall.parse("{\"name\":\"scroll\",\"arguments\":{\"direction\":\"sideways\"}}"), tools, refs));
        assertEquals("click has no argument 'selector'",
                AgentTools.problem(ToolCall.parse("{\"name\":\"click\",\"arguments\":{\"ref\":\"e1\",\"selector\":\"#x\"}}"), tools, refs));
    }

    @Test
    void toolCallsParseFromJsonAndFromOpenAiStringArguments() {
        ToolCall a = ToolCall.parse("{\"name\":\"type\",\"arguments\":{\"ref\":\"e1\",\"text\":\"hi\"}}");
        ToolCall b = ToolCall.parse("{\"name\":\"type\",\"arguments\":\"{\\\"ref\\\":\\\"e1\\\",\\\"text\\\":\\\"hi\\\"}\"}");
        assertEquals(a, b);
        assertEquals("{\"name\":\"type\",\"arguments\":{\"ref\":\"e1\",\"text\":\"hi\"}}", a.json());
        ModelOutputException e = assertThrows(ModelOutputException.class, () -> ToolCall.parse("{\"arguments\":{}}"));
        assertTrue(e.getMessage().contains("no \"name\""), e.getMessage());
        assertThrows(ModelOutputException.class, () -> ToolCall.parse("[1]"));
    }
}
