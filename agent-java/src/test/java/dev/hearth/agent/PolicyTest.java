package dev.hearth.agent;

import static dev.hearth.agent.ScriptedModel.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The safety policy in the loop: what is asked, what a refusal does, the origin allowlist. */
class PolicyTest {
    final List<SensitiveAction> asked = new ArrayList<>();

    Policy answering(boolean yes) {
        return a -> {
            asked.add(a);
            return yes;
        };
    }

    /** A sign-in form: email, password, a submit button that signs in; a link to another site; a download. */
    static FakePage signIn() {
        FakePage p = new FakePage();
        p.url = "https://shop.example/login";
        FakePage.El email = p.add("textbox", "Email");
        email.facts.withInputType("email").withAutocomplete("username").inForm(true);
        FakePage.El pw = p.add("textbox", "Password");
        pw.facts.withInputType("password").withAutocomplete("current-password").inForm(true);
        FakePage.El submit = p.add("button", "Sign in");
        submit.facts.withInputType("submit").submitsForm(true);
        submit.onSubmit = page -> page.text.add("Signed in as " + email.value);
        email.onSubmit = submit.onSubmit;
        p.add("link", "Partner offers").facts.withHref("https://partner.example/offers");
        p.add("link", "Invoice.pdf").facts.withHref("https://shop.example/invoice.pdf").download(true);
        p.add("link", "Help").facts.withHref("https://shop.example/help");
        return p;
    }

    @Test
    void aRefusedSubmitIsNotDoneAndTheModelIsTold() {
        FakePage p = signIn();
        ScriptedModel m = new ScriptedModel()
                .reply(call("click", "ref", "e3"))
                .reply(call("done", "answer", "the user did not want to sign in"));
        AgentResult r = new Agent(m, p).run("sign in", new AgentOptions().policy(answering(false)));

        assertEquals("done", r.status());
        assertTrue(p.executed.isEmpty(), "a refused action is not executed: " + p.executed);
        assertFalse(p.text.contains("Signed in as "), "the form was not submitted");
        assertEquals(1, asked.size());
        assertEquals(SensitiveAction.Kind.FORM_SUBMIT, asked.get(0).kind());
        assertEquals("Submit the form by clicking button \"Sign in\" (e3)?", asked.get(0).question());
        assertTrue(m.lastMessage(1).contains("Refused by the user"), m.lastMessage(1));
        Map<String, Object> step = Json.asObject(Json.parse(r.trace().jsonLines().split("\n")[0]));
        assertEquals("[{\"kind\":\"form_submit\",\"question\":\"Submit the form by clicking button \\\"Sign in\\\" (e3)?\",\"allowed\":false}]",
                Json.write(step.get("policy")));
        assertEquals(Boolean.FALSE, Json.asObject(step.get("result")).get("ok"));
    }

    @Test
    void aGrantedSubmitIsDone() {
        FakePage p = signIn();
        ScriptedModel m = new ScriptedModel()
                .reply(call("type", "ref", "e1", "text", "ada@example.org"))
                .reply(call("click", "ref", "e3"))
                .reply(call("done", "answer", "signed in"));
        AgentResult r = new Agent(m, p).run("sign in", new AgentOptions().policy(answering(true)));

        assertEquals("done", r.status());
        assertEquals(1, asked.size(), "typing an email asks nothing; the submit asks once");
        assertTrue(p.text.contains("Signed in as ada@example.org"), p.text.toString());
        assertEquals(Boolean.TRUE, r.trace().steps().get(1).policy().get(0).get("allowed"));
    }

    @Test
    void byDefaultEverySensitiveActionIsRefused() {
        FakePage p = signIn();
        ScriptedModel m = new ScriptedModel()
                .reply(call("type", "ref", "e2", "text", "hunter2"))
                .reply(call("type", "ref", "e1", "text", "ada@example.org", "submit", true))
                .reply(call("done", "answer", "refused twice"));
        AgentResult r = new Agent(m, p).run("sign in", new AgentOptions());

        assertEquals("done", r.status());
        assertTrue(p.executed.isEmpty(), p.executed.toString());
        assertEquals("", p.byName("Password").value, "nothing was typed into the password field");
        assertEquals("secret_field", r.trace().steps().get(0).policy().get(0).get("kind"));
        assertEquals("form_submit", r.trace().steps().get(1).policy().get(0).get("kind"));
    }

    @Test
    void anotherOriginOutsideTheAllowlistIsRefusedWithoutAsking() {
        FakePage p = signIn();
        ScriptedModel m = new ScriptedModel()
                .reply(call("click", "ref", "e4"))
                .reply(call("navigate", "url", "https://evil.example/steal"))
                .reply(call("navigate", "url", "/help"))
                .reply(call("click", "ref", "e6"))
                .reply(call("done", "answer", "ok"));
        AgentResult r = new Agent(m, p).run("look around", new AgentOptions().policy(answering(true)));

        assertEquals("done", r.status());
        assertTrue(asked.isEmpty(), "nothing was asked: " + asked.size());
        assertTrue(m.lastMessage(1).contains("going to https://partner.example is not allowed: this run may only visit https://shop.example"),
                m.lastMessage(1));
        assertTrue(m.lastMessage(2).contains("going to https://evil.example is not allowed"), m.lastMessage(2));
        assertEquals(2, p.executed.size(), "the same-origin navigate and link click ran: " + p.executed);
        assertTrue(r.trace().steps().get(0).policy().get(0).containsKey("forbidden"));
    }

    @Test
    void anAllowlistedOriginIsStillAsked() {
        FakePage p = signIn();
        ScriptedModel m = new ScriptedModel()
                .reply(call("click", "ref", "e4"))
                .reply(call("done", "answer", "ok"));
        AgentResult r = new Agent(m, p).run("see the offers",
                new AgentOptions().policy(answering(false)).allowOrigin("https://partner.example"));
        assertEquals("done", r.status());
        assertEquals(1, asked.size());
        assertEquals(SensitiveAction.Kind.OTHER_ORIGIN, asked.get(0).kind());
        assertTrue(p.executed.isEmpty());
    }

    @Test
    void aDownloadIsAsked() {
        FakePage p = signIn();
        ScriptedModel m = new ScriptedModel()
                .reply(call("click", "ref", "e5"))
                .reply(call("done", "answer", "ok"));
        new Agent(m, p).run("get the invoice", new AgentOptions().policy(answering(true)));
        assertEquals(1, asked.size());
        assertEquals(SensitiveAction.Kind.DOWNLOAD, asked.get(0).kind());
        assertEquals(1, p.executed.size());
    }

    @Test
    void aPolicyThatThrowsHasNotSaidYes() {
        FakePage p = signIn();
        ScriptedModel m = new ScriptedModel()
                .reply(call("click", "ref", "e3"))
                .reply(call("done", "answer", "ok"));
        AgentResult r = new Agent(m, p).run("sign in", new AgentOptions().policy(a -> {
            throw new IllegalStateException("the dialog was closed");
        }));
        assertEquals("done", r.status());
        assertTrue(p.executed.isEmpty());
        assertNull(r.trace().steps().get(1).ok());
    }
}
