package dev.hearth.agent;

import dev.hearth.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A test double of the model: answers each request with the next scripted reply (a function of the
 * request, so a reply can use the refs it was given) and keeps every request it saw.
 */
final class ScriptedModel implements AgentModel {
    final List<Function<ModelRequest, String>> replies = new ArrayList<>();
    final List<ModelRequest> requests = new ArrayList<>();
    int budget = 1_000_000;

    ScriptedModel reply(String json) {
        replies.add(r -> json);
        return this;
    }

    ScriptedModel reply(Function<ModelRequest, String> f) {
        replies.add(f);
        return this;
    }

    static String call(String name, Object... kv) {
        java.util.Map<String, Object> args = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            args.put((String) kv[i], kv[i + 1]);
        }
        return new ToolCall(name, args).json();
    }

    @Override
    public ModelTurn next(ModelRequest request, Cancellation cancel) {
        requests.add(request);
        if (requests.size() > replies.size()) {
            throw new AssertionError("the script has only " + replies.size() + " replies; request " + requests.size()
                    + " was:\n" + Json.write(last().toString()));
        }
        String raw = replies.get(requests.size() - 1).apply(request);
        return new ModelTurn(ToolCall.parse(raw), raw);
    }

    @Override
    public int contextBudget() {
        return budget;
    }

    ModelRequest last() {
        return requests.get(requests.size() - 1);
    }

    /** The text of the last message of request i (0-based): the latest observation. */
    String lastMessage(int i) {
        List<Message> m = requests.get(i).messages();
        return m.get(m.size() - 1).content();
    }
}
