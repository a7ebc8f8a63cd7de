package dev.hearth.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.json.Json;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DomToolsTest {
    @Test
    void everyParameterHasADescription() {
        for (ToolSpec t : DomTools.all()) {
            assertFalse(t.description().isBlank(), t.name() + " has no description");
            for (ToolParam p : t.params()) {
                assertNotNull(p.description(), t.name() + "." + p.name());
                assertTrue(p.description().trim().length() > 10, t.name() + "." + p.name() + " has no real description");
            }
            Map<String, Object> props = Json.asObject(t.parametersSchema().get("properties"));
            for (Object v : props.values()) {
                assertTrue(Json.asObject(v).get("description") instanceof String, t.name() + ": " + v);
            }
        }
    }

    @Test
    void namesAreUniqueAndSchemasAreValidJson() {
        Set<String> names = new HashSet<>();
        for (ToolSpec t : DomTools.all()) {
            assertTrue(names.add(t.name()), "duplicate " + t.name());
            Map<String, Object> d = Json.asObject(Json.parse(t.declarationJson()));
            assertEquals(t.name(), d.get("name"));
            List<Object> required = Json.asArray(Json.asObject(d.get("parameters")).get("required"));
            for (Object r : required) {
                assertTrue(Json.asObject(Json.asObject(d.get("parameters")).get("properties")).containsKey((String) r));
            }
        }
        assertEquals(12, names.size());
        assertNotNull(DomTools.named("click").param("ref"));
    }

    @Test
    void tableListsEveryTool() {
        String md = ToolTable.markdown(DomTools.all());
        for (ToolSpec t : DomTools.all()) {
            assertTrue(md.contains("| `" + t.name() + "` |"), t.name());
        }
    }
}
