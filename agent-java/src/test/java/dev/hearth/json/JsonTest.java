package dev.hearth.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void parsesNestedValuesWithTheirJavaTypes() {
        Object v = Json.parse(" {\"a\": [1, -2.5e1, true, null, \"x\\u00e9\\n\"], \"b\": {}} ");
        Map<String, Object> m = Json.asObject(v);
        List<Object> a = Json.asArray(m.get("a"));
        assertEquals(1L, a.get(0));
        assertEquals(-25.0, a.get(1));
        assertEquals(Boolean.TRUE, a.get(2));
        assertEquals(null, a.get(3));
        assertEquals("x\u00e9\n", a.get(4));
        assertTrue(Json.asObject(m.get("b")).isEmpty());
    }

    @Test
    void writesCompactAndRoundTrips() {
        String text = "{\"name\":\"click\",\"args\":{\"ref\":\"e12\",\"n\":3,\"f\":0.5,\"q\":\"a\\\"b\\\\c\\u0001\"}}";
        assertEquals(text, Json.write(Json.parse(text)));
    }

    @Test
    void malformedInputNamesTheOffset() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\"a\": [1, 2}"));
        assertTrue(e.getMessage().contains("offset 11"), e.getMessage());
        assertThrows(JsonException.class, () -> Json.parse("[1] x"));
        assertThrows(JsonException.class, () -> Json.parse("\"abc"));
        assertThrows(JsonException.class, () -> Json.parse("[".repeat(10000)));
    }
}
