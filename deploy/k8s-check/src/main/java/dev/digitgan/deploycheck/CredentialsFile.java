package dev.digitgan.deploycheck;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The variable names of a dotenv file (.env): the keys the Secret created from it will have. Values are never kept. */
final class CredentialsFile {

    private static final Pattern ASSIGNMENT = Pattern.compile("^(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=.*$");

    private CredentialsFile() {
    }

    static Set<String> keys(List<String> lines) {
        Set<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher matcher = ASSIGNMENT.matcher(line);
            if (!matcher.matches()) {
                throw new IllegalArgumentException(
                        "line " + (i + 1) + " is not NAME=value: " + line.replaceAll("=.*", "=..."));
            }
            keys.add(matcher.group(1));
        }
        return keys;
    }
}
