package dev.hearth.web.agent;

import dev.hearth.agent.Policy;
import dev.hearth.agent.SensitiveAction;
import dev.hearth.gpu.webgpu.JsPromises;
import dev.hearth.json.Json;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * The policy in the page: "allow" (the command line's --auto-confirm), "refuse" (the default, for
 * non-interactive runs), or "ask": the page's {@code Hearth.agent.confirm(action)} answers, where
 * action is {kind, question} and the answer is a boolean or a promise of one (a UI shows a dialog).
 * No confirm function, or one that fails, is a no.
 */
final class PagePolicy {
    private PagePolicy() {}

    static Policy of(String mode) {
        switch (mode) {
            case "allow":
                return Policy.ALLOW;
            case "refuse":
                return Policy.REFUSE;
            case "ask":
                return PagePolicy::ask;
            default:
                throw new IllegalArgumentException("unknown policy '" + mode + "': allow, refuse or ask");
        }
    }

    private static boolean ask(SensitiveAction a) {
        JSObject answer = JsPromises.await(confirm(Json.write(a.toMap())));
        return isTrue(answer);
    }

    @JSBody(params = "actionJson", script = ""
            + "var agent = window.Hearth && window.Hearth.agent;"
            + "if (!agent || typeof agent.confirm !== 'function') return Promise.resolve(false);"
            + "try { return Promise.resolve(agent.confirm(JSON.parse(actionJson))); } catch (problem) { return Promise.reject(problem); }")
    private static native JSObject confirm(String actionJson);

    @JSBody(params = "value", script = "return value === true;")
    private static native boolean isTrue(JSObject value);
}
