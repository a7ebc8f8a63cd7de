package dev.hearth.cli;

/** Bad command-line arguments: the CLI prints the message and the usage on stderr and exits with 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
