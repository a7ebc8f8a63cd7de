package dev.hearth.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A model's own chat template ({@code tokenizer.chat_template}, Jinja2), parsed once and rendered per
 * conversation the way Hugging Face's {@code apply_chat_template} does: variables {@code messages},
 * {@code tools}, {@code add_generation_prompt}, plus whatever {@code extra} carries
 * ({@code bos_token}, {@code eos_token}, {@code enable_thinking}, {@code date_string}...), and the
 * globals {@code raise_exception(msg)}, {@code strftime_now(fmt)}, {@code namespace(...)},
 * {@code range(...)}.
 *
 * <p>Values are plain Java types, as {@code dev.hearth.json.Json} parses them: {@code Map}, {@code List},
 * {@code String}, {@code Long}/{@code Double}, {@code Boolean}, {@code null}. Rendering does not modify
 * the caller's data: as in transformers' immutable sandbox, {@code list.append} and {@code dict.update}
 * are errors (only {@code namespace()} objects accept assignment).
 */
public final class ChatTemplate {
    private final Node root;
    private LongSupplier clockMillis = System::currentTimeMillis;

    /** Parses the template; a syntax error is a {@link ChatTemplateException} naming the line. */
    public ChatTemplate(String source) {
        this.root = TemplateParser.parse(source);
    }

    /** Replaces the clock {@code strftime_now} reads (milliseconds since the epoch, UTC), for tests. */
    public ChatTemplate withClock(LongSupplier millisSinceEpoch) {
        this.clockMillis = millisSinceEpoch;
        return this;
    }

    /**
     * Renders the prompt text. {@code tools} may be null (the template then sees {@code tools} as none,
     * as transformers passes it); {@code extra} may be null.
     */
    public String render(List<Map<String, Object>> messages, List<Map<String, Object>> tools,
                         boolean addGenerationPrompt, Map<String, Object> extra) {
        Map<String, Object> variables = new java.util.LinkedHashMap<>();
        variables.put("bos_token", "");
        variables.put("eos_token", "");
        if (extra != null) {
            variables.putAll(extra);
        }
        variables.put("messages", messages == null ? new ArrayList<>() : messages);
        variables.put("tools", tools);
        variables.put("add_generation_prompt", addGenerationPrompt);
        return render(variables);
    }

    /** Renders with exactly these top-level variables (plus the globals named in the class comment). */
    public String render(Map<String, Object> variables) {
        Evaluator.Scope globals = new Evaluator.Scope(null);
        globals.vars.put("raise_exception", (TemplateFunction) (args, kw) -> {
            throw new ChatTemplateException(args.isEmpty() ? "raise_exception called" : Values.str(args.get(0)), true);
        });
        globals.vars.put("namespace", (TemplateFunction) (args, kw) -> {
            Values.Namespace ns = new Values.Namespace();
            for (Object a : args) {
                if (a instanceof Map) {
                    for (Map.Entry<?, ?> e : ((Map<?, ?>) a).entrySet()) {
                        ns.put(Values.str(e.getKey()), e.getValue());
                    }
                }
            }
            ns.putAll(kw);
            return ns;
        });
        globals.vars.put("range", (TemplateFunction) (args, kw) -> range(args));
        globals.vars.put("dict", (TemplateFunction) (args, kw) -> new java.util.LinkedHashMap<>(kw));
        globals.vars.put("strftime_now", (TemplateFunction) (args, kw) ->
                Strftime.format(args.isEmpty() ? "%Y-%m-%d" : Values.str(args.get(0)), clockMillis.getAsLong()));
        globals.vars.putAll(variables);
        StringBuilder out = new StringBuilder();
        try {
            new Evaluator().render(root, new Evaluator.Scope(globals), out);
        } catch (ClassCastException | IndexOutOfBoundsException | NumberFormatException | NullPointerException e) {
            // a filter or method got an argument of the wrong type, as Python would raise TypeError
            throw new ChatTemplateException("template failed: wrong argument type or index (" + e + ")");
        }
        return out.toString();
    }

    private static List<Object> range(List<Object> args) {
        long start = 0;
        long stop;
        long step = 1;
        if (args.size() == 1) {
            stop = Methods.num(args.get(0));
        } else {
            start = Methods.num(args.get(0));
            stop = Methods.num(args.get(1));
            if (args.size() > 2) {
                step = Methods.num(args.get(2));
            }
        }
        if (step == 0) {
            throw new ChatTemplateException("range() step must not be zero");
        }
        List<Object> out = new ArrayList<>();
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
            out.add(i);
        }
        return out;
    }
}
