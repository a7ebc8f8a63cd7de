package dev.hearth.agent;

import dev.hearth.chat.ChatTemplate;
import dev.hearth.tools.ToolSpec;
import dev.hearth.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real {@link AgentModel}: renders the conversation with the model's own chat template (tools passed
 * as {@code tools}, the way Hugging Face's apply_chat_template does; listed in the system prompt when the
 * template never reads them), and generates the call under {@link AgentTools#callSchema}, so it is always a
 * valid call naming only refs of the current snapshot. Sizes are measured with the model's tokenizer.
 */
public final class CompletionAgentModel implements AgentModel {
    /** Room left in the context for the call itself. */
    public static final int CALL_TOKENS = 512;

    private final ChatTemplate template;
    private final boolean templateTakesTools;
    private final Tokenizer tokenizer;
    private final ConstrainedGenerator generator;
    private final int contextSize;
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private List<ToolSpec> tools = AgentTools.all();

    /**
     * @param templateSource the model's {@code tokenizer.chat_template}, or null for a plain
     *                       "role: content" format (models without one, e.g. base models)
     */
    public CompletionAgentModel(String templateSource, Tokenizer tokenizer, ConstrainedGenerator generator, int contextSize) {
        this.template = templateSource == null ? null : new ChatTemplate(templateSource);
        this.templateTakesTools = templateSource != null && templateSource.contains("tools");
        this.tokenizer = tokenizer;
        this.generator = generator;
        this.contextSize = contextSize;
        String[] tokens = tokenizer.vocabulary().tokens;
        int bos = tokenizer.vocabulary().bos;
        int eos = tokenizer.vocabulary().eos;
        extra.put("bos_token", bos >= 0 && bos < tokens.length ? tokens[bos] : "");
        extra.put("eos_token", eos >= 0 && eos < tokens.length ? tokens[eos] : "");
    }

    @Override
    public ModelTurn next(ModelRequest request, Cancellation cancel) {
        tools = request.tools();
        String prompt = render(request.messages());
        String raw = generator.generate(prompt, request.schema(), CALL_TOKENS, cancel);
        return new ModelTurn(ToolCall.parse(raw), raw);
    }

    @Override
    public int contextBudget() {
        return contextSize - CALL_TOKENS;
    }

    @Override
    public int measure(List<Message> messages) {
        return tokenizer.encode(render(messages), true, true).length;
    }

    /** The prompt text: the chat format with the generation prompt at the end. */
    public String render(List<Message> messages) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Message m : messages) {
            Map<String, Object> x = m.toMap();
            if (m.role().equals(Message.SYSTEM)) {
                x.put("content", Prompt.system(m.content(), tools, !templateTakesTools));
            }
            list.add(x);
        }
        if (template == null) {
            StringBuilder b = new StringBuilder();
            for (Map<String, Object> x : list) {
                b.append(x.get("role")).append(": ").append(x.get("content")).append("\n\n");
            }
            return b.append("assistant: ").toString();
        }
        List<Map<String, Object>> declarations = null;
        if (templateTakesTools) {
            declarations = new ArrayList<>();
            for (ToolSpec t : tools) {
                Map<String, Object> fn = new LinkedHashMap<>();
                fn.put("type", "function");
                fn.put("function", t.declaration());
                declarations.add(fn);
            }
        }
        return template.render(list, declarations, true, extra);
    }
}
