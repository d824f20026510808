package dev.digitgan.deploycheck;

import java.util.List;

/** One property the rendered manifests must have (issue 6), checked on the schema-valid objects. */
public interface Requirement {

    /** What is required, in a few words, for the report. */
    String title();

    /** Empty when the rendered objects meet the requirement. */
    List<Violation> check(Rendered rendered);
}
