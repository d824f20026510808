package dev.digitgan.model.mnist;

import java.io.IOException;
import java.nio.file.Path;

/** An IDX file that is not what it claims to be. The message names the file and the problem. */
public class IdxFormatException extends IOException {

    private final transient Path file;
    private final String problem;

    public IdxFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    /** The problem alone, without the file name. */
    public String problem() {
        return problem;
    }
}
