package io.pikko.storage;

import java.util.Locale;
import java.util.Optional;

/** When the write-ahead log is forced to disk, named as Redis names its appendfsync policies. */
public enum FsyncPolicy {
    /** Leave syncing to the OS: a process crash loses nothing, a machine crash may lose the last writes. */
    NO,
    /** Sync the WAL once a second: a machine crash loses at most about a second of writes. */
    EVERYSEC,
    /** Sync the WAL before a write is acknowledged. */
    ALWAYS;

    public static Optional<FsyncPolicy> parse(String text) {
        for (FsyncPolicy policy : values()) {
            if (policy.name().equalsIgnoreCase(text.trim())) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
