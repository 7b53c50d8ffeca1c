package io.pikko.actors;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The keys of a slot that connections WATCH, each connection's under a token it chose. A write to
 * a watched key breaks the watches on it; so does a key's expiry, found at EXEC by the expiry time
 * the key had when watched (Redis 7.0 too aborts when a key watched live has expired since). A
 * token this slot does not know (the slot moved, the node restarted) counts as broken, so EXEC
 * can only ever err on the safe side. Used only by the slot's entity.
 */
final class KeyWatches {
    /** Tokens of connections that vanished without UNWATCH are dropped past this many, oldest first. */
    private static final int MAX_TOKENS = 100_000;

    /** A database and a key. */
    record WatchKey(int db, ByteBuffer key) {
        static WatchKey of(int db, byte[] key) {
            return new WatchKey(db, ByteBuffer.wrap(key));
        }

        byte[] bytes() {
            return key.array();
        }
    }

    /** One connection's watch: the expiry each key had when watched (0: none or absent), and whether it broke. */
    private static final class Watch {
        final Map<WatchKey, Long> expireAt = new HashMap<>();
        boolean broken;
    }

    private final Map<Long, Watch> byToken = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Watch> eldest) {
            if (size() <= MAX_TOKENS) {
                return false;
            }
            unindex(eldest.getKey(), eldest.getValue());
            return true;
        }
    };
    private final Map<WatchKey, Set<Long>> byKey = new HashMap<>();

    boolean isEmpty() {
        return byToken.isEmpty();
    }

    /**
     * Watches {@code keys} under {@code token}; {@code expireAt} holds each key's expiry now (0 for
     * none or an absent key). A token extended that this slot does not know starts broken.
     */
    void watch(long token, boolean extending, int db, List<byte[]> keys, long[] expireAt) {
        Watch watch = byToken.get(token);
        if (watch == null) {
            watch = new Watch();
            watch.broken = extending;
            byToken.put(token, watch);
        }
        for (int i = 0; i < keys.size(); i++) {
            WatchKey key = WatchKey.of(db, keys.get(i));
            if (!watch.expireAt.containsKey(key)) {
                watch.expireAt.put(key, expireAt[i]);
                byKey.computeIfAbsent(key, k -> new HashSet<>()).add(token);
            }
        }
    }

    /** The watch of {@code token} cannot be kept (its keys could not be read): its EXEC will abort. */
    void broke(long token) {
        byToken.computeIfAbsent(token, t -> new Watch()).broken = true;
    }

    /** {@code key} was written: every watch on it is broken. */
    void touched(int db, byte[] key) {
        Set<Long> tokens = byKey.get(WatchKey.of(db, key));
        if (tokens != null) {
            for (long token : tokens) {
                byToken.get(token).broken = true;
            }
        }
    }

    /**
     * The watched keys of database {@code db} (-1: of every database) that {@code exists} says
     * hold a value, which a flush is about to remove: as in Redis, watches on absent keys survive a
     * flush.
     */
    List<WatchKey> watchedIn(int db, Predicate<WatchKey> exists) {
        List<WatchKey> found = new ArrayList<>();
        for (WatchKey key : byKey.keySet()) {
            if ((db < 0 || key.db() == db) && exists.test(key)) {
                found.add(key);
            }
        }
        return found;
    }

    /**
     * Ends the watch of {@code token} (EXEC): whether it is known here, unbroken, and none of its
     * keys that had an expiry when watched has reached it by {@code nowMillis}.
     */
    boolean endIntact(long token, long nowMillis) {
        Watch watch = byToken.remove(token);
        if (watch == null) {
            return false;
        }
        unindex(token, watch);
        if (watch.broken) {
            return false;
        }
        for (long expireAt : watch.expireAt.values()) {
            if (expireAt > 0 && expireAt <= nowMillis) {
                return false;
            }
        }
        return true;
    }

    /** UNWATCH, DISCARD or a closed connection: the watch of {@code token} goes. */
    void forget(long token) {
        Watch watch = byToken.remove(token);
        if (watch != null) {
            unindex(token, watch);
        }
    }

    private void unindex(long token, Watch watch) {
        for (WatchKey key : watch.expireAt.keySet()) {
            Set<Long> tokens = byKey.get(key);
            if (tokens != null && tokens.remove(token) && tokens.isEmpty()) {
                byKey.remove(key);
            }
        }
    }
}
