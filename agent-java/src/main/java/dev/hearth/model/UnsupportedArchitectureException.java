package dev.hearth.model;

/** {@code general.architecture} names an architecture this runtime has no forward pass for. */
public final class UnsupportedArchitectureException extends ModelException {
    public final String architecture;

    public UnsupportedArchitectureException(String architecture) {
        super("unsupported architecture '" + architecture + "': Hearth runs " + Architecture.supportedNames()
                + "; pick a GGUF of one of those families");
        this.architecture = architecture;
    }
}
