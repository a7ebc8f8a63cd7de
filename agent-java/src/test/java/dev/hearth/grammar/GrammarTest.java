package dev.hearth.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The byte-level automaton on whole strings and byte by byte, schema keyword by keyword. */
class GrammarTest {
    private static Grammar g(String schemaJson) {
        return JsonSchema.compileJson(schemaJson);
    }

    private static void accepts(Grammar g, String... texts) {
        for (String t : texts) {
            assertTrue(g.accepts(t), "should accept " + t);
        }
    }

    private static void rejects(Grammar g, String... texts) {
        for (String t : texts) {
            assertFalse(g.accepts(t), "should reject " + t);
        }
    }

    @Test
    void objectWithRequiredAndOptionalPropertiesInOrder() {
        Grammar g = g("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"},"
                + "\"b\":{\"type\":\"string\"},\"c\":{\"type\":\"boolean\"}},\"required\":[\"b\"],"
                + "\"additionalProperties\":false}");
        accepts(g, "{\"b\":\"x\"}", "{\"a\":1,\"b\":\"\"}", "{\"a\":-12,\"b\":\"y\",\"c\":true}", "{\"b\":\"z\",\"c\":false}");
        rejects(g, "{}", "{\"a\":1}", "{\"b\":\"x\",\"a\":1}", "{\"b\":\"x\",\"d\":1}", "{\"b\":\"x\",}",
                "{ \"b\":\"x\"}", "{\"b\":\"x\"", "{\"b\":\"x\",\"b\":\"y\"}", "{\"a\":01,\"b\":\"x\"}");
        // a key prefix that only leads to keys that may no longer come is refused at once
        assertFalse(g.acceptsPrefix("{\"b\":\"x\",\"a"));
        assertTrue(g.acceptsPrefix("{\"b\":\"x\",\"c"));
    }

    @Test
    void completionAndFinish() {
        Grammar g = g("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"number\"}}}");
        GrammarState s = g.start().advance("{\"n\":12".getBytes(StandardCharsets.UTF_8));
        assertNotNull(s);
        assertFalse(s.isComplete());
        s = s.advance('}');
        assertTrue(s.isComplete());
        assertTrue(s.isFinished());
        assertNull(s.advance(' '));

        Grammar top = g("{\"type\":\"integer\"}");
        GrammarState n = top.start().advance('4');
        assertTrue(n.isComplete());
        assertFalse(n.isFinished(), "a number can go on");
        assertNotNull(n.advance('2'));
    }

    @Test
    void arraysWithBounds() {
        Grammar g = g("{\"type\":\"array\",\"items\":{\"type\":\"integer\"},\"minItems\":1,\"maxItems\":3}");
        accepts(g, "[1]", "[1,2]", "[0,-5,7]");
        rejects(g, "[]", "[1,2,3,4]", "[1,]", "[,1]", "[1 ,2]", "[1.5]");
        Grammar empty = g("{\"type\":\"array\",\"maxItems\":0}");
        accepts(empty, "[]");
        rejects(empty, "[1]");
        Grammar nested = g("{\"type\":\"array\",\"items\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}");
        accepts(nested, "[]", "[[]]", "[[\"a\"],[\"b\",\"c\"]]");
    }

    @Test
    void stringLengthsCountCodePoints() {
        Grammar g = g("{\"type\":\"string\",\"minLength\":2,\"maxLength\":3}");
        accepts(g, "\"ab\"", "\"abc\"", "\"é😀\"", "\"a\\n\"", "\"\\\"\\\\\"");
        rejects(g, "\"a\"", "\"abcd\"", "\"😀\"", "\"a\nb\"", "\"\\u0041b\"", "\"a\\x\"");
    }

    @Test
    void utf8IsValidatedByteByByte() {
        Grammar g = g("{\"type\":\"string\"}");
        GrammarState s = g.start().advance('"');
        assertNull(s.advance(0xc0), "overlong lead byte");
        assertNull(s.advance(0x80), "stray continuation byte");
        assertNull(s.advance(0xe0).advance(0x80), "overlong three-byte form");
        assertNull(s.advance(0xed).advance(0xa0), "surrogate");
        assertNull(s.advance(0xf4).advance(0x90), "beyond U+10FFFF");
        assertNull(s.advance(0xf5));
        assertNotNull(s.advance(0xf0).advance(0x9f).advance(0x98).advance(0x80));
        assertNull(s.advance(0xc3).advance('"'), "a character cut short");
    }

    @Test
    void patternsOverCodePoints() {
        Grammar ref = g("{\"type\":\"string\",\"pattern\":\"^e[0-9]+$\"}");
        accepts(ref, "\"e1\"", "\"e12\"", "\"e0099\"");
        rejects(ref, "\"e\"", "\"x1\"", "\"e1a\"", "\"E1\"");
        Grammar alt = g("{\"type\":\"string\",\"pattern\":\"^(ab|cd){1,2}(-[a-z_]{2,3})?$\"}");
        accepts(alt, "\"ab\"", "\"abcd\"", "\"cd-xy\"", "\"abab-x_z\"");
        rejects(alt, "\"\"", "\"ababab\"", "\"ab-\"", "\"ab-x\"", "\"ab-wxyz\"");
        Grammar search = g("{\"type\":\"string\",\"pattern\":\"\\\\d{3}\"}");
        accepts(search, "\"abc123def\"", "\"123\"");
        rejects(search, "\"12a3\"");
        Grammar classes = g("{\"type\":\"string\",\"pattern\":\"^\\\\w+@[^@\\\\s]+\\\\.(com|org)$\"}");
        accepts(classes, "\"a_b@x-y.com\"", "\"Z9@é.org\"");
        rejects(classes, "\"a@b@c.com\"", "\"a@b.net\"", "\"@b.com\"", "\"a@b c.com\"");
        Grammar accents = g("{\"type\":\"string\",\"pattern\":\"^[a-zé]*$\"}");
        GrammarState s = accents.start().advance('"');
        assertNotNull(s.advance(0xc3), "é starts with C3");
        assertNull(s.advance(0xc4), "no allowed character starts with C4");
        assertNull(s.advance(0xc3).advance(0xa8), "è is not in the class");
        Grammar escapes = g("{\"type\":\"string\",\"pattern\":\"^a\\\\.b\\\\n?$\"}");
        accepts(escapes, "\"a.b\"", "\"a.b\\n\"");
        rejects(escapes, "\"axb\"", "\"a.b\\t\"");
    }

    @Test
    void enumsAndConsts() {
        Grammar g = g("{\"enum\":[\"e1\",\"e12\",\"e2\",3,null,true,{\"k\":[1]}]}");
        accepts(g, "\"e1\"", "\"e12\"", "\"e2\"", "3", "null", "true", "{\"k\":[1]}");
        rejects(g, "\"e3\"", "\"e\"", "\"e121\"", "4", "false", "{\"k\":[2]}");
        Grammar nums = g("{\"enum\":[1,12]}");
        GrammarState one = nums.start().advance('1');
        assertTrue(one.isComplete());
        assertFalse(one.isFinished());
        accepts(nums, "1", "12");
        Grammar c = g("{\"const\":\"a\\\"b\"}");
        accepts(c, "\"a\\\"b\"");
        rejects(c, "\"a\"");
    }

    @Test
    void manyRefsAsAnEnumStayOneStack() {
        StringBuilder refs = new StringBuilder();
        for (int i = 1; i <= 500; i++) {
            refs.append(i == 1 ? "" : ",").append("\"e").append(i).append('"');
        }
        Grammar g = g("{\"type\":\"string\",\"enum\":[" + refs + "]}");
        accepts(g, "\"e1\"", "\"e499\"", "\"e50\"");
        rejects(g, "\"e501\"", "\"e0\"", "\"e4999\"");
        GrammarState s = g.start().advance("\"e4".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, s.alternatives());
    }

    @Test
    void numbersAndIntegersWithBounds() {
        Grammar n = g("{\"type\":\"number\"}");
        accepts(n, "0", "-0.5", "1.5", "-12.25", "100", "0.000000001");
        rejects(n, "01", "-0", "1.", ".5", "1e5", "+1", "--1", "1.0000000001", "1234567890123456");
        Grammar i = g("{\"type\":\"integer\",\"minimum\":-5,\"maximum\":120}");
        accepts(i, "-5", "0", "7", "99", "120");
        rejects(i, "-6", "121", "1000", "1.5");
        assertFalse(i.acceptsPrefix("121"), "neither 121 nor 1210... lies within the bounds");
        assertFalse(i.acceptsPrefix("-6"));
        assertFalse(i.acceptsPrefix("-0"), "-0 is never generated");
        assertTrue(i.acceptsPrefix("12"));
        Grammar pos = g("{\"type\":\"integer\",\"minimum\":0}");
        assertFalse(pos.acceptsPrefix("-1"));
        assertFalse(pos.acceptsPrefix("-"), "a minus sign that no integer >= 0 can follow");
        assertTrue(pos.acceptsPrefix("7"));
        Grammar inObject = g("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"minimum\":1}},\"required\":[\"n\"]}");
        assertFalse(inObject.acceptsPrefix("{\"n\":-"));
        assertFalse(inObject.acceptsPrefix("{\"n\":0"));
        accepts(inObject, "{\"n\":1}", "{\"n\":42}");
        Grammar ex = g("{\"type\":\"number\",\"exclusiveMinimum\":0,\"exclusiveMaximum\":1}");
        accepts(ex, "0.5", "0.001");
        rejects(ex, "0", "1", "1.5", "-0.5");
        Grammar frac = g("{\"type\":\"number\",\"minimum\":2.5,\"maximum\":3.25}");
        accepts(frac, "2.5", "3", "3.25", "2.75");
        rejects(frac, "2.4", "3.3", "2", "4");
    }

    @Test
    void alternativesTypeListsAndAny() {
        Grammar g = g("{\"anyOf\":[{\"type\":\"object\",\"properties\":{\"name\":{\"const\":\"click\"},"
                + "\"arguments\":{\"type\":\"object\",\"properties\":{\"ref\":{\"type\":\"string\"}},\"required\":[\"ref\"]}},"
                + "\"required\":[\"name\",\"arguments\"]},"
                + "{\"type\":\"object\",\"properties\":{\"name\":{\"const\":\"scroll\"},"
                + "\"arguments\":{\"type\":\"object\",\"properties\":{\"pages\":{\"type\":\"integer\"}}}},"
                + "\"required\":[\"name\",\"arguments\"]}]}");
        accepts(g, "{\"name\":\"click\",\"arguments\":{\"ref\":\"e1\"}}", "{\"name\":\"scroll\",\"arguments\":{}}",
                "{\"name\":\"scroll\",\"arguments\":{\"pages\":2}}");
        rejects(g, "{\"name\":\"click\",\"arguments\":{}}", "{\"name\":\"scroll\",\"arguments\":{\"ref\":\"e1\"}}");
        Grammar nullable = g("{\"type\":[\"string\",\"null\"],\"maxLength\":2}");
        accepts(nullable, "null", "\"ab\"");
        rejects(nullable, "\"abc\"", "1");
        Grammar any = g("{}");
        accepts(any, "{\"a\":[1,{\"b\":null}],\"c\":\"d\"}", "[]", "1.5", "\"x\"", "false");
        rejects(any, "{a:1}", "[1,]");
        Grammar map = g("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"},\"maxProperties\":2}");
        accepts(map, "{}", "{\"x\":1}", "{\"x\":1,\"y\":2}");
        rejects(map, "{\"x\":\"1\"}", "{\"x\":1,\"y\":2,\"z\":3}");
    }

    @Test
    void refsAndRecursion() {
        Grammar g = g("{\"$defs\":{\"node\":{\"type\":\"object\",\"properties\":{\"v\":{\"type\":\"integer\"},"
                + "\"kids\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/node\"}}},\"required\":[\"v\"]}},"
                + "\"$ref\":\"#/$defs/node\"}");
        accepts(g, "{\"v\":1}", "{\"v\":1,\"kids\":[{\"v\":2},{\"v\":3,\"kids\":[{\"v\":4}]}]}");
        rejects(g, "{\"v\":1,\"kids\":[{}]}");
        SchemaException loop = assertThrows(SchemaException.class, () -> g("{\"$defs\":{\"a\":{\"$ref\":\"#/$defs/a\"}},\"$ref\":\"#/$defs/a\"}"));
        assertEquals("$ref", loop.keyword());
    }

    @Test
    void unsupportedKeywordsAreNamedWithTheirPlace() {
        SchemaException e = assertThrows(SchemaException.class, () -> g("{\"type\":\"object\",\"properties\":"
                + "{\"a\":{\"type\":\"array\",\"uniqueItems\":true}}}"));
        assertEquals("uniqueItems", e.keyword());
        assertEquals("#/properties/a", e.path());
        assertEquals("allOf", assertThrows(SchemaException.class, () -> g("{\"allOf\":[{}]}")).keyword());
        assertEquals("type", assertThrows(SchemaException.class, () -> g("{\"type\":\"date\"}")).keyword());
        assertEquals("required", assertThrows(SchemaException.class,
                () -> g("{\"type\":\"object\",\"properties\":{},\"required\":[\"x\"],\"additionalProperties\":false}")).keyword());
        assertEquals("pattern", assertThrows(SchemaException.class, () -> g("{\"type\":\"string\",\"pattern\":\"(?=a)\"}")).keyword());
        assertEquals("minLength", assertThrows(SchemaException.class, () -> g("{\"type\":\"string\",\"minLength\":3,\"maxLength\":2}")).keyword());
        // annotations are fine
        accepts(g("{\"type\":\"string\",\"description\":\"d\",\"format\":\"uri\",\"title\":\"t\"}"), "\"x\"");
    }
}
