package dev.hearth.agent;

/**
 * An element of the snapshot one can act on, with what the safety policy needs to know about it.
 * The snapshot text shows role and name; the rest is read from the element by the page side
 * (input type, autocomplete, whether it sits in a form or submits one, a link's target, a download).
 */
public final class PageRef {
    private final String ref;
    private final String role;
    private final String name;
    private String inputType = "";
    private String autocomplete = "";
    private boolean inForm;
    private boolean submitsForm;
    private String href = "";
    private boolean download;

    public PageRef(String ref, String role, String name) {
        this.ref = ref;
        this.role = role == null ? "" : role;
        this.name = name == null ? "" : name;
    }

    public String ref() { return ref; }
    public String role() { return role; }
    public String name() { return name; }
    /** The {@code type} of an input ("password", "email", ...), or "". */
    public String inputType() { return inputType; }
    /** The {@code autocomplete} tokens ("cc-number", "current-password", ...), or "". */
    public String autocomplete() { return autocomplete; }
    public boolean inForm() { return inForm; }
    /** A submit button (or image input) of a form: clicking it submits. */
    public boolean submitsForm() { return submitsForm; }
    /** The absolute URL a link leads to, or "". */
    public String href() { return href; }
    /** A link with a {@code download} attribute. */
    public boolean download() { return download; }

    public PageRef withInputType(String t) {
        this.inputType = t == null ? "" : t;
        return this;
    }

    public PageRef withAutocomplete(String a) {
        this.autocomplete = a == null ? "" : a;
        return this;
    }

    public PageRef inForm(boolean b) {
        this.inForm = b;
        return this;
    }

    public PageRef submitsForm(boolean b) {
        this.submitsForm = b;
        if (b) {
            this.inForm = true;
        }
        return this;
    }

    public PageRef withHref(String h) {
        this.href = h == null ? "" : h;
        return this;
    }

    public PageRef download(boolean b) {
        this.download = b;
        return this;
    }

    @Override
    public String toString() {
        return role + (name.isEmpty() ? "" : " \"" + name + "\"") + " (" + ref + ")";
    }
}
