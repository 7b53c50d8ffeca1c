package io.pikko.commands.script;

import java.util.Optional;

/** The flags {@code redis.register_function} takes, in the order FUNCTION LIST reports them (Redis's). */
public enum FunctionFlag {
    NO_WRITES("no-writes"),
    ALLOW_OOM("allow-oom"),
    ALLOW_STALE("allow-stale"),
    NO_CLUSTER("no-cluster"),
    ALLOW_CROSS_SLOT_KEYS("allow-cross-slot-keys");

    private final String redisName;

    FunctionFlag(String redisName) {
        this.redisName = redisName;
    }

    public String redisName() {
        return redisName;
    }

    /** The flag named {@code name}, in any case, as Redis compares them. */
    static Optional<FunctionFlag> ofRedisName(String name) {
        for (FunctionFlag flag : values()) {
            if (flag.redisName.equalsIgnoreCase(name)) {
                return Optional.of(flag);
            }
        }
        return Optional.empty();
    }
}
