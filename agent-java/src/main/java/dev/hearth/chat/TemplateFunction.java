package dev.hearth.chat;

import java.util.List;
import java.util.Map;

/** A callable template value: a global such as {@code raise_exception}, a macro, or {@code caller}. */
public interface TemplateFunction {
    Object call(List<Object> args, Map<String, Object> kwargs);
}
