package io.pikko.multijvm;

import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The failed requests of one kind (writes, say), told apart: timeouts, the gateway's or the
 * client's, after which a write may or may not have landed; and every other error, which a
 * cluster that keeps serving through a move must not give.
 */
final class RequestFailures {
    private final AtomicLong timeouts = new AtomicLong();
    private final List<String> errors = new ArrayList<>();

    void record(JedisException e) {
        if (isTimeout(e)) {
            timeouts.incrementAndGet();
            return;
        }
        synchronized (errors) {
            errors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static boolean isTimeout(JedisException e) {
        String message = String.valueOf(e.getMessage());
        return message.startsWith("ERR timeout") || e.getCause() instanceof SocketTimeoutException;
    }

    long timeouts() {
        return timeouts.get();
    }

    /** The errors other than timeouts, with their messages. */
    List<String> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    long count() {
        return timeouts() + errors().size();
    }

    @Override
    public String toString() {
        List<String> errors = errors();
        return timeouts() + " timeouts, " + errors.size() + " other errors"
                + (errors.isEmpty() ? "" : " (e.g. " + errors.subList(0, Math.min(5, errors.size())) + ")");
    }
}
