package dev.hearth.e2e.dom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.hearth.e2e.HearthBrowser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The snapshot text: roles, names, states, structure, refs; hidden content left out; shadow DOM and frames included. */
class SnapshotE2eTest {
    @RegisterExtension
    static HearthBrowser browser = new HearthBrowser();

    static void assertBlock(String snapshot, String block) {
        assertTrue(snapshot.contains(block), "expected\n" + block + "\nin\n" + snapshot);
    }

    @Test
    void plainFormWithRolesNamesAndStates() {
        Page page = Dom.open(browser, "form.html");
        String s = Dom.snapshot(page);
        assertBlock(s, ""
                + "- banner:\n"
                + "  - navigation \"Main\":\n"
                + "    - link \"Home\" [ref=e1]\n"
                + "    - link \"Help\" [ref=e2]\n"
                + "- main:\n"
                + "  - heading \"Create your account\" [level=1]\n"
                + "  - paragraph: All fields marked with a star are required.\n"
                + "  - form \"Sign up\":\n"
                + "    - textbox \"Email *\" [ref=e3] [required]\n"      // label[for]
                + "    - textbox \"Password\" [ref=e4] [required]\n"     // wrapping label
                + "    - textbox \"Nickname\" [ref=e5]\n"                // placeholder
                + "    - textbox \"City of residence\" [ref=e6]\n");     // title
        assertBlock(s, "    - textbox \"Postal code\" [ref=e7]\n");       // aria-labelledby
        assertBlock(s, ""
                + "    - group \"Plan\":\n"
                + "      - radio \"Free\" [ref=e8] [checked]\n"
                + "      - radio \"Pro\" [ref=e9] [unchecked]\n"
                + "    - combobox \"Country\" [ref=e10] [value=\"Choose…\"]:\n"
                + "      - option \"Choose…\" [selected]\n"
                + "      - option \"France\"\n");
        assertBlock(s, ""
                + "    - checkbox \"I accept the terms\" [ref=e11] [unchecked]\n"
                + "    - textbox \"About you\" [ref=e12]\n"
                + "    - button \"Create account\" [ref=e13]\n"
                + "    - button \"Delete account\" [ref=e14] [disabled]\n"
                + "    - button \"Close form\" [ref=e15]\n"          // aria-label
                + "    - img \"Company logo\"\n");                     // alt, no ref: not actionable
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> refs = (List<Map<String, Object>>) Dom.snapshotResult(page, new LinkedHashMap<>()).get("refs");
        assertEquals(15, refs.size());
        assertEquals(Map.of("ref", "e3", "role", "textbox", "name", "Email *"), refs.get(2));
        // states follow the page: focus, value, checked, invalid
        page.focus("#nick");
        page.evaluate("() => { document.getElementById('terms').checked = true; document.getElementById('zip').setAttribute('aria-invalid', 'true');"
                + " document.getElementById('nick').value = 'ada'; }");
        String s2 = Dom.snapshot(page);
        assertBlock(s2, "    - textbox \"Nickname\" [ref=e5] [focused] [value=\"ada\"]\n");
        assertBlock(s2, "    - textbox \"Postal code\" [ref=e7] [invalid]\n");
        assertBlock(s2, "    - checkbox \"I accept the terms\" [ref=e11] [checked]\n");
    }

    @Test
    void hiddenContentIsLeftOutAndAppearsWhenShown() {
        Page page = Dom.open(browser, "hidden.html");
        String s = Dom.snapshot(page);
        assertEquals(""
                + "- heading \"Visible heading\" [level=1]\n"
                + "- paragraph: Shown text\n"
                + "- text: Visible child\n"
                + "- group:\n"
                + "  - button \"More\" [ref=e1] [collapsed]\n"
                + "- text: Screen reader note\n"
                + "- button \"Real button\" [ref=e2]\n"
                + "- button \"Reveal\" [ref=e3]\n", s);
        Map<String, Object> r = Dom.act(page, "click", "ref", "e3");
        assertEquals(true, r.get("ok"));
        String s2 = Dom.snapshot(page);
        assertBlock(s2, "- button \"Reveal\" [ref=e3] [focused]\n- button \"Late button\" [ref=e4]\n");
        // a hidden element cannot be acted on: the summary opens the details, then its button shows
        Dom.act(page, "click", "ref", "e1");
        assertBlock(Dom.snapshot(page), "- group:\n  - button \"More\" [ref=e1] [expanded] [focused]\n  - button \"Inside closed details\" [ref=e5]\n");
        page.evaluate("() => document.querySelector('details').open = false");
        Map<String, Object> hidden = Dom.act(page, "click", "ref", "e5");
        assertEquals(false, hidden.get("ok"));
        assertTrue(((String) hidden.get("message")).contains("hidden"), hidden.toString());
    }

    @Test
    void shadowRootsAndSameOriginFramesAreIncluded() {
        Page page = Dom.open(browser, "shadow.html");
        assertEquals(""
                + "- heading \"Shadow DOM\" [level=1]\n"
                + "- region \"User card\":\n"
                + "  - heading \"Profile of Ada Lovelace\" [level=2]\n"
                + "  - textbox \"Message\" [ref=e1]\n"
                + "  - button \"Send\" [ref=e2]\n", Dom.snapshot(page));
        assertEquals(true, Dom.act(page, "type", "ref", "e1", "text", "hello shadow").get("ok"));
        assertEquals(true, Dom.act(page, "click", "ref", "e2").get("ok"));
        assertEquals("Sent: hello shadow", page.textContent("#out"));

        Page host = Dom.open(browser, "iframe.html");
        host.waitForFunction("() => { var d = document.getElementById('fr').contentDocument; return d && d.getElementById('sub'); }");
        assertEquals(""
                + "- heading \"Frame host\" [level=1]\n"
                + "- iframe \"Newsletter signup\":\n"
                + "  - heading \"Newsletter\" [level=2]\n"
                + "  - textbox \"Your email\" [ref=e1]\n"
                + "  - button \"Subscribe\" [ref=e2]\n", Dom.snapshot(host));
        assertEquals(true, Dom.act(host, "type", "ref", "e1", "text", "a@b.c").get("ok"));
        assertEquals(true, Dom.act(host, "click", "ref", "e2").get("ok"));
        assertEquals("Subscribed a@b.c", host.evaluate("() => document.getElementById('fr').contentDocument.getElementById('done').textContent"));
    }

    @Test
    void tablesListsLongTextAndOffscreen() {
        Page page = Dom.open(browser, "tables.html");
        String s = Dom.snapshot(page);
        assertBlock(s, ""
                + "  - table \"Recent orders\":\n"
                + "    - caption \"Recent orders\"\n"
                + "    - rowgroup:\n"
                + "      - row:\n"
                + "        - columnheader \"Order\"\n"
                + "        - columnheader \"Status\"\n"
                + "        - columnheader \"Action\"\n"
                + "    - rowgroup:\n"
                + "      - row:\n"
                + "        - cell \"#1001\"\n"
                + "        - cell \"Shipped\"\n"
                + "        - cell \"Track\":\n"
                + "          - link \"Track\" [ref=e1]\n");
        assertBlock(s, ""
                + "  - list:\n"
                + "    - listitem: Pick items\n"
                + "    - listitem: Pay securely\n"
                + "  - list \"Tags\":\n"
                + "    - listitem:\n"
                + "      - link \"alpha\" [ref=e3]\n");
        assertBlock(s, "  - term \"Total\"\n  - definition: 42 EUR\n");
        assertBlock(s, "  - paragraph: word0 word1 word2");
        assertTrue(s.contains("word29…") && !s.contains("word119"), "long text is cut");
        assertBlock(s, "  - heading \"Footer section\" [level=2] [offscreen]\n  - button \"Far away button\" [ref=e5] [offscreen]\n");
        assertBlock(s, "- contentinfo: © Hearth\n");
    }

    @Test
    void budgetKeepsEveryInteractiveElement() {
        Page page = Dom.open(browser, "tables.html");
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("maxChars", 300);
        Map<String, Object> r = Dom.snapshotResult(page, opts);
        String s = (String) r.get("text");
        System.out.println(s);
        assertEquals(true, r.get("truncated"));
        for (String ref : new String[] {"e1", "e2", "e3", "e4", "e5"}) {
            assertTrue(s.contains("[ref=" + ref + "]"), ref + " kept in\n" + s);
        }
        assertFalse(s.contains("word0"), s);
        assertTrue(s.contains("left out to fit the size budget"), s);
    }

    @Test
    void refsAreStableWhileElementsLiveAndStaleAfterReRender() {
        Page page = Dom.open(browser, "rerender.html");
        String s1 = Dom.snapshot(page);
        assertEquals(""
                + "- heading \"Todo\" [level=1]\n"
                + "- list:\n"
                + "  - listitem:\n"
                + "    - text: Buy milk\n"
                + "    - button \"Remove Buy milk\" [ref=e1]\n"
                + "  - listitem:\n"
                + "    - text: Walk dog\n"
                + "    - button \"Remove Walk dog\" [ref=e2]\n"
                + "- button \"Add item\" [ref=e3]\n"
                + "- button \"Load later\" [ref=e4]\n", s1);
        assertEquals(s1, Dom.snapshot(page), "a second snapshot of an unchanged page gives the same refs");
        Map<String, Object> r = Dom.act(page, "click", "ref", "e3");
        assertEquals(true, r.get("ok"));
        assertTrue(String.valueOf(r.get("changes")).contains("e3 was removed from the page"), r.toString());
        assertEquals(2.0, ((Number) page.evaluate("() => state.renders")).doubleValue());
        Map<String, Object> stale = Dom.act(page, "click", "ref", "e1");
        assertEquals(false, stale.get("ok"));
        assertEquals("ref e1 is no longer on the page (it was removed or re-rendered); take a new snapshot", stale.get("message"));
        Map<String, Object> unknown = Dom.act(page, "click", "ref", "e99");
        assertEquals(false, unknown.get("ok"));
        assertTrue(((String) unknown.get("message")).startsWith("there is no element with ref e99"));
        String s2 = Dom.snapshot(page);
        assertNotEquals(s1, s2);
        assertBlock(s2, "    - button \"Remove Item 3\" [ref=e7]\n- button \"Add item\" [ref=e8]\n");
        assertEquals(3.0, ((Number) page.evaluate("() => state.items.length")).doubleValue());
    }

    @Test
    void diffModeMarksNewLines() {
        Page page = Dom.open(browser, "rerender.html");
        Dom.snapshot(page);
        Dom.act(page, "click", "ref", "e3");
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("diff", true);
        String d = (String) Dom.snapshotResult(page, opts).get("text");
        System.out.println(d);
        assertBlock(d, "- heading \"Todo\" [level=1]\n");
        assertBlock(d, "  + listitem:\n    + text: Item 3\n    + button \"Remove Item 3\" [ref=e7]\n");
        assertBlock(d, "+ button \"Add item\" [ref=e8]\n");
        assertBlock(d, "    - text: Buy milk\n");
    }
}
