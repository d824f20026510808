package dev.digitgan.trainer.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/** How the jar's command-line tools run: output to the given streams, an exception as one "error:" line, exit 1. */
final class CommandLines {

    private CommandLines() {
    }

    /** Parses {@code args} into {@code command}, runs it and returns the exit code (2 for bad arguments). */
    static int execute(Object command, PrintStream console, PrintStream errors, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(console, true));
        cli.setErr(new PrintWriter(errors, true));
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            return 1;
        });
        return cli.execute(args);
    }
}
