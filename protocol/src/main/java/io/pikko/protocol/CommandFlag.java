package io.pikko.protocol;

import java.util.Locale;

/**
 * A flag of the command table, as Redis's COMMAND names it. Declared in the order COMMAND lists a
 * command's flags, so that a command's set of flags, iterated, reads as Redis writes it.
 */
public enum CommandFlag {
    WRITE, READONLY, DENYOOM, ADMIN, PUBSUB, NOSCRIPT, BLOCKING, LOADING, STALE, NO_MULTI, FAST, NO_AUTH, ALLOW_BUSY, MOVABLEKEYS;

    /** The name COMMAND INFO and COMMAND DOCS show ({@code no_auth}, {@code movablekeys}, ...). */
    public String redisName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The flag COMMAND calls {@code name}; an unknown name is a mistake in the table. */
    static CommandFlag ofRedisName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
