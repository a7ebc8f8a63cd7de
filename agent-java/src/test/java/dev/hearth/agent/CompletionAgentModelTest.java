package dev.hearth.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.gguf.ArrayByteSource;
import dev.hearth.gguf.GgufFile;
import dev.hearth.grammar.VocabularyTrie;
import dev.hearth.model.Model;
import dev.hearth.model.Transformer;
import dev.hearth.sampling.SamplerSettings;
import dev.hearth.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real model path on the JVM: a real GGUF (stories260K with a chat template), its tokenizer, the chat
 * template, and decoding constrained by {@link ToolCallSchema}. The model is not instruction-tuned, so its
 * calls are random; every one must still be a valid call naming a ref of the snapshot it was given.
 */
class CompletionAgentModelTest {

    /** Records what each request allowed and what came back. */
    static final class Recording implements AgentModel {
        final AgentModel inner;
        final List<ModelRequest> requests = new ArrayList<>();
        final List<ModelTurn> turns = new ArrayList<>();

        Recording(AgentModel inner) {
            this.inner = inner;
        }

        @Override
        public ModelTurn next(ModelRequest request, Cancellation cancel) {
            requests.add(request);
            ModelTurn t = inner.next(request, cancel);
            turns.add(t);
            return t;
        }

        @Override
        public int contextBudget() {
            return inner.contextBudget();
        }

        @Override
        public int measure(List<Message> messages) {
            return inner.measure(messages);
        }
    }

    @Test
    void everyCallOfARandomActingModelIsValidAndNamesARefOfItsSnapshot() throws Exception {
        GgufFile f = GgufFile.read(new ArrayByteSource(ChatModel.withTemplate(2048)));
        Tokenizer tok = Tokenizer.fromGguf(f);
        Transformer transformer = new Transformer(Model.load(f), 2048);
        VocabularyTrie trie = VocabularyTrie.of(tok);
        int calls = 0;
        int executed = 0;
        for (long seed = 1; seed <= 2; seed++) {
            FakePage page = AgentTest.searchPage();
            ConstrainedDecoder decoder = new ConstrainedDecoder(transformer, tok, trie,
                    SamplerSettings.defaults().withTemperature(1.0f).withTopK(0).withSeed(seed));
            Recording model = new Recording(new CompletionAgentModel(ChatModel.TEMPLATE, tok, decoder, 2048));
            AgentResult r = new Agent(model, page).run("find books about cats", new AgentOptions().maxSteps(5).policy(Policy.ALLOW));
            assertTrue(List.of("done", "max_steps", "loop").contains(r.status()), r.json() + "\n" + r.trace().jsonLines());
            for (int i = 0; i < model.turns.size(); i++) {
                ModelRequest q = model.requests.get(i);
                ToolCall c = model.turns.get(i).call();
                assertNull(ToolCallSchema.problem(c, q.tools(), q.refs()), c + " against refs " + q.refs());
                calls++;
            }
            for (TraceStep s : r.trace().steps()) {
                assertNotNull(s.call(), "every reply parsed: " + s.raw());
                if (s.ok() != null && s.ok()) {
                    executed++;
                }
            }
            assertEquals(page.executed.size(), countExecuted(r), "every call that was not done or refused reached the page");
        }
        assertTrue(calls >= 3, "calls made: " + calls);
        System.out.println("constrained calls: " + calls + ", executed on the fake page: " + executed);
    }

    static int countExecuted(AgentResult r) {
        int n = 0;
        for (TraceStep s : r.trace().steps()) {
            if (s.call() != null && !s.call().name().equals("done") && !s.call().name().equals("snapshot") && s.policy().isEmpty()
                    && (s.message() == null || !s.message().startsWith("Not executed"))) {
                n++;
            }
        }
        return n;
    }

    @Test
    void thePromptUsesTheTemplateAndMeasuresWithTheTokenizer() throws Exception {
        GgufFile f = GgufFile.read(new ArrayByteSource(ChatModel.withTemplate(2048)));
        Tokenizer tok = Tokenizer.fromGguf(f);
        CompletionAgentModel m = new CompletionAgentModel(ChatModel.TEMPLATE, tok, (p, s, n, c) -> "", 2048);
        List<Message> messages = List.of(Message.system("sys"), Message.user("Task: x"));
        String prompt = m.render(messages);
        assertTrue(prompt.startsWith("<s><|tools|>snapshot click type "), prompt);
        assertTrue(prompt.endsWith("<|user|>\nTask: x\n<|assistant|>\n"), prompt);
        assertEquals(tok.encode(prompt, true, true).length, m.measure(messages));
        assertEquals(2048 - CompletionAgentModel.CALL_TOKENS, m.contextBudget());
        // a template that never reads tools gets them in the system prompt
        CompletionAgentModel plain = new CompletionAgentModel("{% for m in messages %}{{ m['content'] }}|{% endfor %}", tok, (p, s, n, c) -> "", 2048);
        assertTrue(plain.render(messages).startsWith("sys\n\nTools:\n{\"name\":\"snapshot\""), plain.render(messages));
    }
}
