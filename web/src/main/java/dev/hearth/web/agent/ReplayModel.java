package dev.hearth.web.agent;

import dev.hearth.agent.AgentModel;
import dev.hearth.agent.Cancellation;
import dev.hearth.agent.ModelRequest;
import dev.hearth.agent.ModelTurn;
import dev.hearth.agent.ToolCall;
import java.util.List;

/**
 * A model that replays given calls in order, whatever it is asked (then finishes with done): for tests
 * and demos that must drive the real loop, page tools and policy deterministically in the page.
 */
final class ReplayModel implements AgentModel {
    private final List<String> calls;
    private int next;

    ReplayModel(List<String> calls) {
        this.calls = calls;
    }

    @Override
    public ModelTurn next(ModelRequest request, Cancellation cancel) {
        String raw = next < calls.size() ? calls.get(next) : "{\"name\":\"done\",\"arguments\":{\"answer\":\"the script ended\"}}";
        next++;
        return new ModelTurn(ToolCall.parse(raw), raw);
    }
}
