package dev.hearth.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which actions are sensitive, decided from the call and the target's facts. */
class ActionReviewTest {
    static PageSnapshot page(String text, PageRef... refs) {
        return new PageSnapshot(text, List.of(refs), "https://shop.example/checkout");
    }

    static List<SensitiveAction.Kind> kinds(ActionReview.Outcome o) {
        return o.toAsk.stream().map(SensitiveAction::kind).toList();
    }

    final ActionReview review = new ActionReview(List.of("https://shop.example"));

    @Test
    void secretFieldsByTypeAutocompleteOrName() {
        assertTrue(ActionReview.isSecretField(new PageRef("e1", "textbox", "Choose one").withInputType("password")));
        assertTrue(ActionReview.isSecretField(new PageRef("e1", "textbox", "Number").withAutocomplete("cc-number")));
        assertTrue(ActionReview.isSecretField(new PageRef("e1", "textbox", "").withAutocomplete("section-pay cc-csc")));
        assertTrue(ActionReview.isSecretField(new PageRef("e1", "textbox", "Card number")));
        assertTrue(ActionReview.isSecretField(new PageRef("e1", "textbox", "CVC *")));
        assertTrue(ActionReview.isSecretField(new PageRef("e1", "textbox", "Expiry date (MM/YY)")));
        assertTrue(ActionReview.isSecretField(new PageRef("e1", "textbox", "IBAN")));
        assertTrue(ActionReview.isSecretField(new PageRef("e1", "textbox", "PIN")));
        assertFalse(ActionReview.isSecretField(new PageRef("e1", "textbox", "Spinner speed")));
        assertFalse(ActionReview.isSecretField(new PageRef("e1", "searchbox", "Search")));
        assertFalse(ActionReview.isSecretField(new PageRef("e1", "textbox", "Email").withAutocomplete("email")));
    }

    @Test
    void enterSubmitsFromASingleLineFieldOfAFormOnly() {
        PageRef field = new PageRef("e1", "textbox", "Name").withInputType("text").inForm(true);
        PageRef area = new PageRef("e2", "textbox", "Comment").withInputType("textarea").inForm(true);
        PageRef loose = new PageRef("e3", "searchbox", "Filter").withInputType("search");
        PageSnapshot p = page("- textbox \"Name\" [ref=e1] [focused]\n", field, area, loose);
        ToolCall enter = new ToolCall("press_key", Map.of("key", "Enter", "ref", "e1"));
        assertEquals(List.of(SensitiveAction.Kind.FORM_SUBMIT), kinds(review.review(enter, p)));
        assertEquals(List.of(SensitiveAction.Kind.FORM_SUBMIT), kinds(review.review(new ToolCall("press_key", Map.of("key", "Enter")), p)),
                "no ref: the focused element");
        assertEquals(List.of(), kinds(review.review(new ToolCall("press_key", Map.of("key", "Enter", "ref", "e2")), p)));
        assertEquals(List.of(), kinds(review.review(new ToolCall("press_key", Map.of("key", "Enter", "ref", "e3")), p)));
        assertEquals(List.of(), kinds(review.review(new ToolCall("press_key", Map.of("key", "Tab", "ref", "e1")), p)));
        assertEquals(List.of(SensitiveAction.Kind.FORM_SUBMIT),
                kinds(review.review(new ToolCall("press_key", Map.of("key", "Shift+Enter", "ref", "e1")), p)));
    }

    @Test
    void typingACardNumberAndSubmittingAsksBoth() {
        PageRef card = new PageRef("e1", "textbox", "Card number").withAutocomplete("cc-number").inForm(true);
        ActionReview.Outcome o = review.review(new ToolCall("type", Map.of("ref", "e1", "text", "4111", "submit", true)), page("", card));
        assertEquals(List.of(SensitiveAction.Kind.SECRET_FIELD, SensitiveAction.Kind.FORM_SUBMIT), kinds(o));
        assertEquals("Type into the payment or secret field textbox \"Card number\" (e1)?", o.toAsk.get(0).question());
    }

    @Test
    void navigationByOrigin() {
        PageSnapshot p = page("");
        assertEquals(List.of(), kinds(review.review(new ToolCall("navigate", Map.of("url", "/cart")), p)));
        assertEquals(List.of(), kinds(review.review(new ToolCall("navigate", Map.of("url", "back")), p)));
        assertEquals(List.of(), kinds(review.review(new ToolCall("navigate", Map.of("url", "HTTPS://Shop.Example:443/x")), p)));
        assertNotNull(review.review(new ToolCall("navigate", Map.of("url", "//evil.example/x")), p).forbidden);
        assertNotNull(review.review(new ToolCall("navigate", Map.of("url", "http://shop.example/")), p).forbidden, "another scheme is another origin");
        assertNotNull(review.review(new ToolCall("navigate", Map.of("url", "mailto:a@b.c")), p).forbidden);
    }

    @Test
    void origins() {
        assertEquals("https://a.example", Origins.of("https://user:pw@A.example/x?y#z", ""));
        assertEquals("http://a.example:8080", Origins.of("http://a.example:8080", ""));
        assertEquals("http://a.example", Origins.of("http://a.example:80/", ""));
        assertEquals("https://b.example", Origins.of("/path", "https://b.example/start"));
        assertEquals("https://c.example", Origins.of("//c.example/p", "https://b.example/start"));
        assertEquals("mailto:", Origins.of("mailto:x@y.z", "https://b.example/"));
        assertEquals("http://127.0.0.1:4000", Origins.of("http://127.0.0.1:4000/page/form.html", ""));
    }
}
