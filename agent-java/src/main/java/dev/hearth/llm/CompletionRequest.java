package dev.hearth.llm;

import dev.hearth.json.Json;
import dev.hearth.json.JsonException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OpenAI-shaped chat completion request, checked: every mistake is a {@link CompletionRequestException}
 * saying what to fix. Keys this engine does not use ({@code model}, {@code stream}, {@code user}...) are
 * ignored.
 */
final class CompletionRequest {
    /** How the output is constrained. */
    enum Mode {
        /** Free text, stop strings apply. */
        TEXT,
        /** A JSON value (response_format json_object / json_schema). */
        JSON,
        /** Exactly one tool call (tool_choice "required" or a named function). */
        TOOL_CALL,
        /** tool_choice "auto" with tools: a tool call or {"content": text}. */
        TOOL_OR_TEXT
    }

    final List<Map<String, Object>> messages = new ArrayList<>();
    /** The tools as given ({type, function}), for the template; null when none. */
    final List<Map<String, Object>> tools;
    /** {name, parameters} of the tools the output may call (all, or the named one). */
    final List<Map<String, Object>> callable = new ArrayList<>();
    final Mode mode;
    /** The JSON Schema for Mode.JSON. */
    final Object jsonSchema;
    final int maxTokens;
    final float temperature;
    final float topP;
    final float presencePenalty;
    final float frequencyPenalty;
    /** null: not given (a fresh seed per request). */
    final Long seed;
    final List<String> stop = new ArrayList<>();

    CompletionRequest(Map<String, Object> r) {
        if (r == null) {
            throw new CompletionRequestException("the request is null: give {messages: [...]}");
        }
        Object n = r.get("n");
        if (n != null && number(n, "n") != 1) {
            throw new CompletionRequestException("n must be 1: one choice per request is supported");
        }
        readMessages(r.get("messages"));
        tools = readTools(r.get("tools"));
        String choice = toolChoice(r.get("tool_choice"));
        Object format = r.get("response_format");
        String formatType = "text";
        Object schema = null;
        if (format != null) {
            Map<String, Object> f = object(format, "response_format");
            formatType = string(f.get("type"), "response_format.type");
            switch (formatType) {
                case "text":
                    break;
                case "json_object":
                    schema = Json.parse("{\"type\":\"object\"}");
                    break;
                case "json_schema": {
                    Map<String, Object> js = object(f.get("json_schema"), "response_format.json_schema");
                    if (!js.containsKey("schema")) {
                        throw new CompletionRequestException("response_format.json_schema needs a schema");
                    }
                    schema = js.get("schema");
                    break;
                }
                default:
                    throw new CompletionRequestException("response_format.type \"" + formatType
                            + "\" is unknown: use text, json_object or json_schema");
            }
        }
        boolean useTools = tools != null && !choice.equals("none");
        if (useTools && schema != null) {
            throw new CompletionRequestException("tools and a JSON response_format cannot be combined: "
                    + "drop one, or set tool_choice to \"none\"");
        }
        if (useTools) {
            mode = choice.equals("auto") ? Mode.TOOL_OR_TEXT : Mode.TOOL_CALL;
        } else {
            mode = schema != null ? Mode.JSON : Mode.TEXT;
        }
        if (useTools) {
            for (Map<String, Object> t : tools) {
                Map<String, Object> fn = Json.asObject(t.get("function"));
                if (choice.equals("auto") || choice.equals("required") || choice.equals(fn.get("name"))) {
                    Map<String, Object> decl = new LinkedHashMap<>();
                    decl.put("name", fn.get("name"));
                    if (fn.get("parameters") != null) {
                        decl.put("parameters", fn.get("parameters"));
                    }
                    callable.add(decl);
                }
            }
        }
        jsonSchema = schema;
        Object max = r.containsKey("max_completion_tokens") ? r.get("max_completion_tokens") : r.get("max_tokens");
        maxTokens = max == null ? -1 : (int) number(max, "max_tokens");
        if (max != null && maxTokens < 1) {
            throw new CompletionRequestException("max_tokens must be at least 1");
        }
        temperature = (float) range(r.get("temperature"), "temperature", 1, 0, 2);
        topP = (float) range(r.get("top_p"), "top_p", 1, 0, 1);
        if (topP <= 0) {
            throw new CompletionRequestException("top_p must be above 0 (at most 1)");
        }
        presencePenalty = (float) range(r.get("presence_penalty"), "presence_penalty", 0, -2, 2);
        frequencyPenalty = (float) range(r.get("frequency_penalty"), "frequency_penalty", 0, -2, 2);
        Object s = r.get("seed");
        seed = s == null ? null : (long) number(s, "seed");
        Object st = r.get("stop");
        if (st instanceof String) {
            stop.add((String) st);
        } else if (st instanceof List) {
            for (Object o : Json.asArray(st)) {
                stop.add(string(o, "stop[]"));
            }
        } else if (st != null) {
            throw new CompletionRequestException("stop must be a string or a list of strings");
        }
    }

    private void readMessages(Object m) {
        if (!(m instanceof List) || Json.asArray(m).isEmpty()) {
            throw new CompletionRequestException("messages must be a non-empty list of {role, content}");
        }
        List<Object> list = Json.asArray(m);
        for (int i = 0; i < list.size(); i++) {
            String at = "messages[" + i + "]";
            Map<String, Object> in = object(list.get(i), at);
            String role = string(in.get("role"), at + ".role");
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("role", role);
            switch (role) {
                case "system":
                case "user":
                    out.put("content", text(in.get("content"), at, false));
                    break;
                case "assistant": {
                    Object calls = in.get("tool_calls");
                    out.put("content", text(in.get("content"), at, calls != null));
                    if (calls != null) {
                        out.put("tool_calls", toolCalls(calls, at));
                    }
                    break;
                }
                case "tool":
                    out.put("content", text(in.get("content"), at, false));
                    if (in.get("tool_call_id") != null) {
                        out.put("tool_call_id", string(in.get("tool_call_id"), at + ".tool_call_id"));
                    }
                    if (in.get("name") != null) {
                        out.put("name", string(in.get("name"), at + ".name"));
                    }
                    break;
                default:
                    throw new CompletionRequestException(at + ".role \"" + role
                            + "\" is unknown: use system, user, assistant or tool");
            }
            messages.add(out);
        }
    }

    /** Content as text: a string, or a list of {type: "text", text} parts joined. */
    private static String text(Object c, String at, boolean mayBeNull) {
        if (c == null) {
            if (mayBeNull) {
                return null;
            }
            throw new CompletionRequestException(at + ".content is missing");
        }
        if (c instanceof String) {
            return (String) c;
        }
        if (c instanceof List) {
            StringBuilder b = new StringBuilder();
            for (Object p : Json.asArray(c)) {
                Map<String, Object> part = object(p, at + ".content[]");
                if (!"text".equals(part.get("type"))) {
                    throw new CompletionRequestException(at + ".content: only text parts are supported, not \""
                            + part.get("type") + "\"");
                }
                b.append(string(part.get("text"), at + ".content[].text"));
            }
            return b.toString();
        }
        throw new CompletionRequestException(at + ".content must be a string or a list of text parts");
    }

    /**
     * Assistant tool calls, with arguments parsed into objects: templates render them with tojson, as
     * transformers users pass them.
     */
    private static List<Object> toolCalls(Object calls, String at) {
        if (!(calls instanceof List)) {
            throw new CompletionRequestException(at + ".tool_calls must be a list");
        }
        List<Object> out = new ArrayList<>();
        for (Object o : Json.asArray(calls)) {
            Map<String, Object> call = object(o, at + ".tool_calls[]");
            Map<String, Object> fn = object(call.get("function"), at + ".tool_calls[].function");
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", string(fn.get("name"), at + ".tool_calls[].function.name"));
            Object args = fn.get("arguments");
            if (args instanceof String) {
                try {
                    args = Json.parse((String) args);
                } catch (JsonException e) {
                    throw new CompletionRequestException(at + ".tool_calls[].function.arguments is not JSON: "
                            + e.getMessage());
                }
            }
            f.put("arguments", args == null ? new LinkedHashMap<String, Object>() : args);
            Map<String, Object> c = new LinkedHashMap<>();
            if (call.get("id") != null) {
                c.put("id", call.get("id"));
            }
            c.put("type", "function");
            c.put("function", f);
            out.add(c);
        }
        return out;
    }

    private static List<Map<String, Object>> readTools(Object t) {
        if (t == null) {
            return null;
        }
        if (!(t instanceof List)) {
            throw new CompletionRequestException("tools must be a list of {type: \"function\", function: {...}}");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Object o : Json.asArray(t)) {
            Map<String, Object> tool = object(o, "tools[]");
            if (!"function".equals(tool.get("type"))) {
                throw new CompletionRequestException("tools[].type must be \"function\"");
            }
            Map<String, Object> fn = object(tool.get("function"), "tools[].function");
            String name = string(fn.get("name"), "tools[].function.name");
            if (names.contains(name)) {
                throw new CompletionRequestException("tool \"" + name + "\" is declared twice");
            }
            names.add(name);
            out.add(tool);
        }
        return out.isEmpty() ? null : out;
    }

    /** "none", "auto", "required", or the name of the function. */
    private String toolChoice(Object c) {
        if (c == null) {
            return tools == null ? "none" : "auto";
        }
        if (c instanceof String) {
            String s = (String) c;
            if (!s.equals("none") && !s.equals("auto") && !s.equals("required")) {
                throw new CompletionRequestException("tool_choice \"" + s + "\" is unknown: use none, auto, required "
                        + "or {type: \"function\", function: {name}}");
            }
            if (!s.equals("none") && tools == null) {
                throw new CompletionRequestException("tool_choice \"" + s + "\" needs tools");
            }
            return s;
        }
        Map<String, Object> m = object(c, "tool_choice");
        String name = string(object(m.get("function"), "tool_choice.function").get("name"), "tool_choice.function.name");
        boolean found = false;
        if (tools != null) {
            for (Map<String, Object> t : tools) {
                found |= name.equals(Json.asObject(t.get("function")).get("name"));
            }
        }
        if (!found) {
            throw new CompletionRequestException("tool_choice names \"" + name + "\", which is not in tools");
        }
        return name;
    }

    private static Map<String, Object> object(Object v, String what) {
        if (v instanceof Map) {
            return Json.asObject(v);
        }
        throw new CompletionRequestException(what + " must be an object");
    }

    private static String string(Object v, String what) {
        if (v instanceof String) {
            return (String) v;
        }
        throw new CompletionRequestException(what + " must be a string");
    }

    private static double number(Object v, String what) {
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        throw new CompletionRequestException(what + " must be a number");
    }

    private static double range(Object v, String what, double dflt, double lo, double hi) {
        if (v == null) {
            return dflt;
        }
        double d = number(v, what);
        if (d < lo || d > hi) {
            throw new CompletionRequestException(what + " must be between " + lo + " and " + hi + ", not " + d);
        }
        return d;
    }
}
