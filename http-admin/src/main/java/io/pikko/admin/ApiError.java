package io.pikko.admin;

import java.util.concurrent.CompletionException;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/** An API call's failure: the HTTP status and the message sent as {@code {"error": message}}. */
record ApiError(int status, String message) {
    static final ApiError NOT_FOUND = new ApiError(404, "no such resource");

    static ApiError badBody(String example) {
        return new ApiError(400, "the body must be JSON like " + example);
    }

    /** The dashboard (or a slot it needed) did not answer in time: the cluster is not able to serve this now. */
    static ApiError unavailable(String what, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return new ApiError(503, what + ": " + cause.getMessage());
    }

    HttpResponse response() {
        return JsonBodies.response(status, new Body(message));
    }

    /** Just the body, for responses whose status and headers are already made. */
    String json() {
        return JsonBodies.write(new Body(message));
    }

    private record Body(String error) {}
}
