package io.pikko.multijvm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.Tuple;

/**
 * Keys of all five types, every tenth with a TTL, written in pipelines and checked one by one:
 * what a migration must carry over whole.
 */
final class MixedDataset {
    private static final int TYPES = 5;
    private static final long TTL_SECONDS = 3600;

    private final String prefix;
    private final int keys;

    MixedDataset(String prefix, int keys) {
        this.prefix = prefix;
        this.keys = keys;
    }

    private String key(int i) {
        return prefix + i;
    }

    /**
     * Writes every key through {@code node} in pipelines. A command answered with an error (a
     * timeout, say) was not acknowledged: its key is written again, and the errors are returned.
     */
    List<String> write(ClusterNode node) {
        List<String> errors = new ArrayList<>();
        try (Jedis jedis = node.jedis()) {
            List<Integer> todo = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                todo.add(i);
            }
            for (int round = 0; round < 3 && !todo.isEmpty(); round++) {
                List<Integer> failed = new ArrayList<>();
                for (int from = 0; from < todo.size(); from += 5000) {
                    List<Integer> part = todo.subList(from, Math.min(todo.size(), from + 5000));
                    Pipeline pipeline = jedis.pipelined();
                    List<List<Response<?>>> replies = new ArrayList<>();
                    for (int i : part) {
                        replies.add(writeKey(pipeline, i, round > 0));
                    }
                    pipeline.sync();
                    for (int n = 0; n < part.size(); n++) {
                        for (Response<?> reply : replies.get(n)) {
                            try {
                                reply.get();
                            } catch (JedisDataException e) {
                                errors.add(key(part.get(n)) + ": " + e.getMessage());
                                failed.add(part.get(n));
                                break;
                            }
                        }
                    }
                }
                todo = failed;
            }
            if (!todo.isEmpty()) {
                throw new AssertionError(todo.size() + " keys could not be written: " + errors.subList(0, Math.min(10, errors.size())));
            }
        }
        return errors;
    }

    private List<Response<?>> writeKey(Pipeline pipeline, int i, boolean again) {
        String key = key(i);
        List<Response<?>> replies = new ArrayList<>();
        if (again) {
            replies.add(pipeline.del(key));
        }
        replies.add(switch (i % TYPES) {
            case 0 -> pipeline.set(key, "value-" + i);
            case 1 -> pipeline.hset(key, Map.of("f1", "a" + i, "f2", "b" + i, "f3", "c" + i));
            case 2 -> pipeline.rpush(key, "x" + i, "y" + i, "z" + i);
            case 3 -> pipeline.sadd(key, "m" + i, "n" + i);
            default -> pipeline.zadd(key, Map.of("p" + i, 1.5, "q" + i, -2.0));
        });
        if (i % 10 == 0) {
            replies.add(pipeline.expire(key, TTL_SECONDS));
        }
        return replies;
    }

    /** What differs from what was written, read through {@code node}; empty when all is there. */
    List<String> differences(ClusterNode node) {
        List<String> problems = new ArrayList<>();
        try (Jedis jedis = node.jedis()) {
            Pipeline pipeline = jedis.pipelined();
            List<Response<?>> values = new ArrayList<>();
            List<Response<Long>> ttls = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                String key = key(i);
                values.add(switch (i % TYPES) {
                    case 0 -> pipeline.get(key);
                    case 1 -> pipeline.hgetAll(key);
                    case 2 -> pipeline.lrange(key, 0, -1);
                    case 3 -> pipeline.smembers(key);
                    default -> pipeline.zrangeWithScores(key, 0, -1);
                });
                ttls.add(i % 10 == 0 ? pipeline.ttl(key) : null);
            }
            pipeline.sync();
            for (int i = 0; i < keys; i++) {
                Object expected = switch (i % TYPES) {
                    case 0 -> "value-" + i;
                    case 1 -> Map.of("f1", "a" + i, "f2", "b" + i, "f3", "c" + i);
                    case 2 -> List.of("x" + i, "y" + i, "z" + i);
                    case 3 -> java.util.Set.of("m" + i, "n" + i);
                    default -> List.of(new Tuple("q" + i, -2.0), new Tuple("p" + i, 1.5));
                };
                Object actual = values.get(i).get();
                if (!expected.equals(actual)) {
                    problems.add(key(i) + ": expected " + expected + ", got " + actual);
                }
                if (ttls.get(i) != null && (ttls.get(i).get() <= 0 || ttls.get(i).get() > TTL_SECONDS)) {
                    problems.add(key(i) + ": TTL " + ttls.get(i).get());
                }
            }
        }
        return problems;
    }
}
