package dev.hearth.agent;

/**
 * The thinking part of the loop: given the conversation, the tools and the current refs, one tool call.
 * {@link CompletionAgentModel} is the real one (a model's chat template, decoding constrained by
 * {@link AgentTools#callSchema}); tests script one.
 */
public interface AgentModel {
    /**
     * The next tool call. Implementations check {@code cancel} between tokens and may return early
     * once it is set (the loop then ends as cancelled, whatever came back). A reply that is not a usable
     * call is a {@link ModelOutputException}: the loop shows its message to the model.
     */
    ModelTurn next(ModelRequest request, Cancellation cancel);

    /** Tokens of the context the prompt may use (the loop compacts the history to fit). */
    default int contextBudget() {
        return 4096;
    }

    /** The prompt's size in the same unit as {@link #contextBudget}; by default about 4 characters a token. */
    default int measure(java.util.List<Message> messages) {
        int chars = 0;
        for (Message m : messages) {
            chars += m.content().length() + 8;
        }
        return (chars + 3) / 4;
    }
}
