package dev.hearth.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.json.Json;
import dev.hearth.tools.DomTools;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one builder of tool-call schemas: declarations as given, or ToolSpecs with refs and length bounds. */
class ToolCallSchemaTest {
    private static final String DECL = "{\"name\":\"lookup\",\"parameters\":{\"type\":\"object\",\"properties\":{"
            + "\"target\":{\"type\":\"string\"},\"q\":{\"type\":\"string\"},\"kind\":{\"type\":\"string\",\"enum\":[\"a\",\"b\"]},"
            + "\"n\":{\"type\":\"integer\"}},\"required\":[\"target\"]}}";

    @Test
    void aSingleDeclarationStandsAloneUnlessAnyOfIsAskedFor() {
        List<Map<String, Object>> decls = List.of(Json.asObject(Json.parse(DECL)));
        Map<String, Object> bare = ToolCallSchema.of(decls);
        assertEquals("{\"const\":\"lookup\"}", Json.write(Json.asObject(bare.get("properties")).get("name")));
        Map<String, Object> wrapped = ToolCallSchema.forDeclarations(decls).alwaysAnyOf().build();
        assertEquals(List.of(bare), wrapped.get("anyOf"));
        assertEquals("#: no tools to call", assertThrows(SchemaException.class, () -> ToolCallSchema.of(List.of())).getMessage());
    }

    @Test
    void refParamsAndLengthBoundsApplyToStringsWithoutAnEnum() {
        List<Map<String, Object>> decls = List.of(Json.asObject(Json.parse(DECL)));
        Map<String, Object> s = ToolCallSchema.forDeclarations(decls).refs(List.of("e1", "e2")).refParams(List.of("target"))
                .maxLength(7).maxLength("q", 30).build();
        Map<String, Object> props = Json.asObject(Json.asObject(Json.asObject(s.get("properties")).get("arguments")).get("properties"));
        assertEquals("{\"type\":\"string\",\"enum\":[\"e1\",\"e2\"]}", Json.write(props.get("target")));
        assertEquals("{\"type\":\"string\",\"maxLength\":30}", Json.write(props.get("q")));
        assertEquals("{\"type\":\"string\",\"enum\":[\"a\",\"b\"]}", Json.write(props.get("kind")));
        assertEquals("{\"type\":\"integer\"}", Json.write(props.get("n")));
        assertEquals(Json.write(Json.parse(DECL)), Json.write(decls.get(0)), "the declaration given is not changed");

        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ToolCallSchema.forDeclarations(decls).refs(List.of()).refParams(List.of("target")).build());
        assertTrue(none.getMessage().contains("no tool can be called"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ToolCallSchema.forDeclarations(decls).maxLength(-1));
    }

    @Test
    void domToolsGetRefEnumsAndNoBoundsByDefault() {
        String json = Json.write(ToolCallSchema.ofTools(DomTools.all(), List.of("e3")));
        assertTrue(json.contains("\"enum\":[\"e3\"]"), json);
        assertFalse(json.contains("maxLength"), json);
        String anyRef = Json.write(ToolCallSchema.ofTools(DomTools.all(), null));
        assertFalse(anyRef.contains("\"e3\""), anyRef);
        JsonSchema.compile(ToolCallSchema.forTools(DomTools.all()).refs(List.of("e3")).maxLength(60).build());
    }
}
