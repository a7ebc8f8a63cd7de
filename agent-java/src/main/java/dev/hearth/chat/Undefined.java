package dev.hearth.chat;

/**
 * Jinja2's default {@code Undefined}: what a missing variable, key or attribute evaluates to. It is
 * falsy, renders as the empty string, iterates as empty, and fails only where Jinja2 fails: when one
 * asks it for an attribute or item, or calls it.
 */
final class Undefined {
    final String name;

    Undefined(String name) {
        this.name = name;
    }

    ChatTemplateException error() {
        return new ChatTemplateException("'" + name + "' is undefined");
    }

    @Override
    public String toString() {
        return "";
    }
}
