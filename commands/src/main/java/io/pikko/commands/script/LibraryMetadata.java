package io.pikko.commands.script;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A library's first line, {@code #!lua name=<name>}, read as Redis 7.0 reads it: the engine, the
 * library's name, and where the code after the line starts (at its newline, so that line numbers
 * in errors count from the shebang line as in Redis). {@code error} is Redis's reason when the line
 * is not one, and then the rest is empty.
 */
public record LibraryMetadata(String engine, String name, int codeStart, String error) {
    static final String BAD_NAME = "Library names can only contain letters, numbers, or underscores(_) and must be at least one character long";

    public static LibraryMetadata parse(byte[] code) {
        if (code.length < 2 || code[0] != '#' || code[1] != '!') {
            return refused("Missing library metadata");
        }
        int newline = -1;
        for (int i = 0; i < code.length; i++) {
            if (code[i] == '\n') {
                newline = i;
                break;
            }
        }
        if (newline < 0) {
            return refused("Invalid library metadata");
        }
        String[] parts = Arrays.stream(new String(code, 0, newline, StandardCharsets.UTF_8).trim().split("[ \t\r]+"))
                .filter(p -> !p.isEmpty()).toArray(String[]::new);
        if (parts.length == 0) {
            return refused("Invalid library metadata");
        }
        String engine = parts[0].substring(2);
        String name = null;
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].regionMatches(true, 0, "name=", 0, 5)) {
                if (name != null) {
                    return refused("Invalid metadata value, name argument was given multiple times");
                }
                name = parts[i].substring(5);
                continue;
            }
            return refused("Invalid metadata value given: " + parts[i]);
        }
        if (name == null) {
            return refused("Library name was not given");
        }
        if (!validName(name)) {
            return refused(BAD_NAME);
        }
        if (!engine.equalsIgnoreCase("lua")) {
            return refused("Engine '" + engine + "' not found");
        }
        return new LibraryMetadata(engine, name, newline, null);
    }

    /** Letters, digits and underscores, at least one: Redis's rule for library and function names. */
    static boolean validName(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9' || c == '_');
    }

    private static LibraryMetadata refused(String why) {
        return new LibraryMetadata(null, null, 0, why);
    }
}
