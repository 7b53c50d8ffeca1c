package io.pikko.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scripts this node was given by EVAL and SCRIPT LOAD, by SHA-1, for EVALSHA. Per node, as in
 * Redis Cluster: a client that meets NOSCRIPT on another node sends the script again.
 */
final class ScriptCache {
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();

    void put(String sha, byte[] body) {
        bodies.putIfAbsent(sha, body);
    }

    byte[] get(String sha) {
        return bodies.get(sha);
    }

    boolean contains(String sha) {
        return bodies.containsKey(sha);
    }

    void clear() {
        bodies.clear();
    }
}
