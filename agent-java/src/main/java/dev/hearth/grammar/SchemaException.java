package dev.hearth.grammar;

/** A JSON Schema that cannot be compiled: names the keyword and where it is (a JSON Pointer such as {@code #/properties/ref}). */
public final class SchemaException extends RuntimeException {
    private final String keyword;
    private final String path;

    public SchemaException(String keyword, String path, String message) {
        super(path + ": " + message);
        this.keyword = keyword;
        this.path = path;
    }

    /** The keyword at fault, e.g. {@code "allOf"}. */
    public String keyword() {
        return keyword;
    }

    /** Where it is in the schema, as a JSON Pointer fragment ({@code #} is the root). */
    public String path() {
        return path;
    }
}
