package dev.hearth.e2e.dom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.hearth.e2e.HearthBrowser;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each action changes the page as a user would, and says what changed (or what to do instead). */
class ActionsE2eTest {
    @RegisterExtension
    static HearthBrowser browser = new HearthBrowser();

    static void ok(Map<String, Object> r) {
        assertEquals(true, r.get("ok"), String.valueOf(r));
    }

    static String msg(Map<String, Object> r) {
        return String.valueOf(r.get("message"));
    }

    static Object js(Page page, String expr) {
        return page.evaluate("() => " + expr);
    }

    @Test
    void fillsAndSubmitsAPlainForm() {
        Page page = Dom.open(browser, "form.html");
        Dom.snapshot(page);
        Map<String, Object> t = Dom.act(page, "type", "ref", "e3", "text", "ada@example.org");
        ok(t);
        assertEquals("ada@example.org", t.get("value"));
        assertTrue(msg(t).startsWith("typed into textbox \"Email *\" (e3)"), msg(t));
        ok(Dom.act(page, "type", "ref", "e4", "text", "secret"));
        Map<String, Object> sel = Dom.act(page, "select_option", "ref", "e10", "option", "Germany");
        ok(sel);
        assertTrue(msg(sel).startsWith("selected \"Germany\" in combobox \"Country\" (e10)"), msg(sel));
        assertEquals("de", js(page, "document.getElementById('country').value"));
        Map<String, Object> badSel = Dom.act(page, "select_option", "ref", "e10", "option", "Mars");
        assertFalse((Boolean) badSel.get("ok"));
        assertTrue(msg(badSel).contains("its options are: Choose…, France, Germany, Japan"), msg(badSel));
        Map<String, Object> check = Dom.act(page, "check", "ref", "e11");
        ok(check);
        assertTrue(msg(check).contains("e11 is now checked"), msg(check));
        assertTrue(msg(Dom.act(page, "check", "ref", "e11")).contains("already checked"));
        ok(Dom.act(page, "check", "ref", "e9"));
        assertEquals("pro", js(page, "document.querySelector('input[name=plan]:checked').value"));
        assertFalse((Boolean) Dom.act(page, "uncheck", "ref", "e9").get("ok"), "a radio cannot be unchecked");
        ok(Dom.act(page, "type", "ref", "e12", "text", "Line one"));
        ok(Dom.act(page, "type", "ref", "e12", "text", ", more", "mode", "append"));
        Map<String, Object> disabled = Dom.act(page, "click", "ref", "e14");
        assertEquals(false, disabled.get("ok"));
        assertTrue(msg(disabled).startsWith("button \"Delete account\" (e14) is disabled"), msg(disabled));
        Map<String, Object> submit = Dom.act(page, "click", "ref", "e13");
        ok(submit);
        assertTrue(msg(submit).contains("the page announces: \"Welcome, ada@example.org!\""), msg(submit));
        @SuppressWarnings("unchecked")
        Map<String, Object> sent = (Map<String, Object>) js(page, "submitted");
        assertEquals("ada@example.org", sent.get("email"));
        assertEquals("pro", sent.get("plan"));
        assertEquals("de", sent.get("country"));
        assertEquals(true, sent.get("terms"));
        assertEquals("Line one, more", sent.get("bio"));
        String s = Dom.snapshot(page);
        assertTrue(s.contains("    - textbox \"Email *\" [ref=e3] [required] [value=\"ada@example.org\"]\n"), s);
        assertTrue(s.contains("    - textbox \"Password\" [ref=e4] [required] [value=\"••••••••\"]\n"), s);
        assertTrue(s.contains("  - status: Welcome, ada@example.org!\n"), s);
    }

    @Test
    void enterInAFieldSubmitsItsForm() {
        Page page = Dom.open(browser, "form.html");
        Dom.snapshot(page);
        ok(Dom.act(page, "type", "ref", "e4", "text", "pass"));
        ok(Dom.act(page, "type", "ref", "e3", "text", "enter@example.org", "submit", true));
        assertEquals("Welcome, enter@example.org!", page.textContent("#result"));
    }

    @Test
    void typeReachesAReactStyleControlledInputWhereAPlainValueSetDoesNot() {
        Page page = Dom.open(browser, "react.html");
        Dom.snapshot(page);
        // what naive automation does: the framework does not see it
        js(page, "(() => { var i = document.getElementById('q'); i.value = 'plain'; i.dispatchEvent(new Event('input', {bubbles: true})); })()");
        assertEquals("", js(page, "appState.q"), "the fixture must ignore a plain .value= like React does");
        assertEquals("You typed: ", page.textContent("#echo"));
        Map<String, Object> r = Dom.act(page, "type", "ref", "e1", "text", "lamp");
        ok(r);
        assertEquals("lamp", js(page, "appState.q"));
        assertEquals("You typed: lamp", page.textContent("#echo"));
        ok(Dom.act(page, "type", "ref", "e1", "text", " shade", "mode", "append"));
        assertEquals("lamp shade", js(page, "appState.q"));
        ok(Dom.act(page, "type", "ref", "e1", "text", "desk"));
        assertEquals("desk", js(page, "appState.q"));
        // contenteditable
        ok(Dom.act(page, "type", "ref", "e2", "text", "remember milk"));
        assertEquals("Notes: remember milk", page.textContent("#notes-echo"));
        String s = Dom.snapshot(page);
        assertTrue(s.contains("- textbox \"Search\" [ref=e1] [value=\"desk\"]\n"), s);
        assertTrue(s.contains("- textbox \"Notes\" [ref=e2] [focused] [value=\"remember milk\"]\n"), s);
        // a date field takes the whole value; a div with a click handler and a pointer cursor is clickable
        ok(Dom.act(page, "type", "ref", "e3", "text", "2026-12-24"));
        assertEquals("2026-12-24", js(page, "document.getElementById('when').value"));
        assertTrue(s.contains("- generic \"Open the blue lamp card\" [ref=e4] [clickable]\n"), s);
        ok(Dom.act(page, "click", "ref", "e4"));
        assertEquals(1.0, ((Number) js(page, "window.cardClicks")).doubleValue());
    }

    @Test
    void customAriaWidgets() {
        Page page = Dom.open(browser, "widgets.html");
        Dom.snapshot(page);
        // listbox
        Map<String, Object> lb = Dom.act(page, "select_option", "ref", "e1", "option", "green");
        ok(lb);
        assertEquals("Green", js(page, "app.colour"));
        assertTrue(Dom.snapshot(page).contains("  - option \"Green\" [ref=e3] [selected]\n"));
        // combobox: opens, filters by typing, picks
        Map<String, Object> cb = Dom.act(page, "select_option", "ref", "e5", "option", "Banana");
        ok(cb);
        assertEquals("Banana", js(page, "app.fruit"));
        assertEquals("Banana", js(page, "document.getElementById('cb').value"));
        assertTrue(Dom.snapshot(page).contains("- combobox \"Fruit\" [ref=e5] [collapsed] [focused] [value=\"Banana\"]\n"));
        // tabs
        Map<String, Object> tab = Dom.act(page, "click", "ref", "e7");
        ok(tab);
        assertTrue(msg(tab).contains("e7 is now selected"), msg(tab));
        String s = Dom.snapshot(page);
        assertTrue(s.contains("  - tab \"Privacy\" [ref=e7] [selected] [focused]\n- tabpanel \"Privacy\":\n  - text: Privacy settings here.\n"), s);
        // menu button and menu
        Map<String, Object> menu = Dom.act(page, "click", "ref", "e8");
        ok(menu);
        assertTrue(msg(menu).contains("e8 is now expanded"), msg(menu));
        s = Dom.snapshot(page);
        assertTrue(s.contains("- button \"Actions\" [ref=e8] [expanded] [haspopup=menu] [focused]\n- menu:\n  - menuitem \"Rename\" [ref="), s);
        ok(Dom.act(page, "click", "ref", Dom.ref(s, "menuitem \"Delete\"")));
        assertEquals("Delete", js(page, "app.menu"));
        // dialog: opens, Escape closes it
        s = Dom.snapshot(page);
        Map<String, Object> open = Dom.act(page, "click", "ref", Dom.ref(s, "Open settings"));
        ok(open);
        assertTrue(msg(open).contains("dialog \"Settings\" opened"), msg(open));
        assertTrue(msg(open).contains("focus is on button \"Close\""), msg(open));
        s = Dom.snapshot(page);
        assertTrue(s.contains("- dialog \"Settings\" [modal]:\n  - heading \"Settings\" [level=3]\n  - button \"Close\" [ref="), s);
        Map<String, Object> esc = Dom.act(page, "press_key", "key", "Escape");
        ok(esc);
        assertTrue(msg(esc).contains("dialog \"Settings\" closed"), msg(esc));
        assertEquals(true, js(page, "document.getElementById('dlg').hidden"));
    }

    @Test
    void coveredElementsAreRefusedWithTheReason() {
        Page page = Dom.open(browser, "widgets.html");
        String s = Dom.snapshot(page);
        ok(Dom.act(page, "click", "ref", Dom.ref(s, "Show banner")));
        Map<String, Object> r = Dom.act(page, "click", "ref", Dom.ref(s, "Buy now"));
        assertEquals(false, r.get("ok"));
        assertTrue(msg(r).startsWith("button \"Buy now\" (e10) is covered by <div id=\"overlay\">"), msg(r));
        assertEquals(0.0, ((Number) js(page, "app.bought")).doubleValue());
        s = Dom.snapshot(page);
        ok(Dom.act(page, "click", "ref", Dom.ref(s, "Dismiss cookie banner")));
        ok(Dom.act(page, "click", "ref", "e10"));
        assertEquals(1.0, ((Number) js(page, "app.bought")).doubleValue());
    }

    @Test
    void hoverAndKeys() {
        Page page = Dom.open(browser, "widgets.html");
        String s = Dom.snapshot(page);
        Map<String, Object> h = Dom.act(page, "hover", "ref", Dom.ref(s, "Hover for tip"));
        ok(h);
        assertTrue(Dom.snapshot(page).contains("- tooltip \"Helpful tip\"\n"));
        // Tab moves focus in tab order; keys reach the page's listeners with modifiers
        page.focus("#under");
        Map<String, Object> tab = Dom.act(page, "press_key", "key", "Tab");
        ok(tab);
        assertTrue(msg(tab).contains("focus is on button \"Show banner\" (e11)"), msg(tab));
        ok(Dom.act(page, "press_key", "key", "Shift+Tab"));
        assertEquals("under", js(page, "document.activeElement.id"));
        ok(Dom.act(page, "press_key", "key", "Control+a", "ref", "e5"));
        ok(Dom.act(page, "press_key", "key", "ArrowDown", "ref", "e5"));
        Object keys = js(page, "app.keys.join(',')");
        assertTrue(String.valueOf(keys).contains("Tab,Shift+Tab,Control+a,ArrowDown"), String.valueOf(keys));
        assertFalse((Boolean) Dom.act(page, "press_key", "key", "Hyper+x").get("ok"));
    }

    @Test
    void scrollReadWaitAndNavigate() {
        Page page = Dom.open(browser, "tables.html");
        Dom.snapshot(page);
        Map<String, Object> down = Dom.act(page, "scroll", "direction", "down");
        ok(down);
        assertTrue(((Number) js(page, "window.scrollY")).doubleValue() > 100);
        assertTrue(msg(down).startsWith("scrolled the page down to "), msg(down));
        ok(Dom.act(page, "scroll", "direction", "up", "pages", 10));
        assertEquals(0.0, ((Number) js(page, "window.scrollY")).doubleValue());
        ok(Dom.act(page, "scroll", "to", "e5"));
        assertTrue(Dom.snapshot(page).contains("- button \"Far away button\" [ref=e5]\n"), "no longer offscreen");
        Map<String, Object> read = Dom.act(page, "read", "region", "Steps");
        ok(read);
        assertTrue(((String) read.get("text")).startsWith("Steps\nPick items\nPay securely\n"), String.valueOf(read.get("text")));
        Map<String, Object> table = Dom.act(page, "read", "region", "Recent orders");
        assertTrue(String.valueOf(table.get("text")).contains("#1002\tPending\tCancel") || String.valueOf(table.get("text")).contains("#1002 Pending Cancel"),
                String.valueOf(table.get("text")));
        Map<String, Object> whole = Dom.act(page, "read", "max_chars", 20);
        assertEquals("Orders\nRecent orders…", whole.get("text"));
        assertFalse((Boolean) Dom.act(page, "read", "region", "Nowhere").get("ok"));
        Map<String, Object> nav = Dom.act(page, "navigate", "url", "https://example.com/");
        assertEquals(false, nav.get("ok"));
        assertTrue(msg(nav).contains("another origin"), msg(nav));
        Map<String, Object> hash = Dom.act(page, "navigate", "url", "#o1001");
        ok(hash);
        assertTrue(String.valueOf(hash.get("url")).endsWith("#o1001"));

        Page todo = Dom.open(browser, "rerender.html");
        Dom.snapshot(todo);
        ok(Dom.act(todo, "click", "ref", "e4"));
        Map<String, Object> w = Dom.act(todo, "wait_for", "text", "Loaded at last", "timeout_ms", 3000);
        ok(w);
        Map<String, Object> never = Dom.act(todo, "wait_for", "text", "never shown", "timeout_ms", 300);
        assertEquals(false, never.get("ok"));
        assertTrue(msg(never).startsWith("timed out after 300 ms waiting for text \"never shown\""), msg(never));
        ok(Dom.act(todo, "wait_for", "ref", "e3"));
        ok(Dom.act(todo, "wait_for"));
        ok(Dom.act(todo, "click", "ref", "e3"));
        ok(Dom.act(todo, "wait_for", "ref", "e3", "gone", true, "timeout_ms", 500));
    }

    @Test
    void navigateToAnotherPageOfTheSite() {
        Page page = Dom.open(browser, "form.html");
        Map<String, Object> r = Dom.act(page, "navigate", "url", "tables.html");
        ok(r);
        assertTrue(msg(r).startsWith("navigating to http://"), msg(r));
        page.waitForURL("**/tables.html");
        page.evaluate("() => Hearth.ready");
        assertTrue(Dom.snapshot(page).contains("heading \"Orders\" [level=1]"));
    }
}
