package io.pikko.dashboard;

import java.util.function.Function;

/**
 * What a checked change came to: the new value, or why not with the HTTP status that fits
 * (400 bad input, 404 no such thing, 409 conflicts with the current state). Errors are values so
 * the dashboard can turn them into replies without catching anything.
 */
public sealed interface Outcome<T> {
    record Ok<T>(T value) implements Outcome<T> {}

    record Refused<T>(int status, String message) implements Outcome<T> {}

    static <T> Outcome<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Outcome<T> refused(int status, String message) {
        return new Refused<>(status, message);
    }

    default <U> Outcome<U> map(Function<T, U> change) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(change.apply(ok.value()));
        }
        Refused<T> refused = (Refused<T>) this;
        return new Refused<>(refused.status(), refused.message());
    }

    /** One of two answers: from the value, or from the refusal. */
    default <U> U fold(Function<T, U> whenOk, Function<Refused<T>, U> whenRefused) {
        if (this instanceof Ok<T> ok) {
            return whenOk.apply(ok.value());
        }
        return whenRefused.apply((Refused<T>) this);
    }

    /**
     * The value, for code that replays a change already checked (an event handler): a refusal
     * there is a bug, not an answer.
     */
    default T orElseThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        Refused<T> refused = (Refused<T>) this;
        throw new IllegalStateException(refused.status() + ": " + refused.message());
    }
}
