package io.pikko.admin;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Guards the calls that change the cluster: with a token configured they must carry
 * {@code Authorization: Bearer <token>}. Reads stay open, so monitoring needs no secret.
 */
final class BearerAuth {
    private static final Set<HttpMethod> READS = Set.of(HttpMethods.GET, HttpMethods.HEAD, HttpMethods.OPTIONS);
    private static final ApiError UNAUTHORIZED =
            new ApiError(401, "this call changes the cluster and needs the header 'Authorization: Bearer <pikko.admin.token>'");

    private final byte[] expected;

    /** @param token the configured token; empty means every call is let through */
    BearerAuth(String token) {
        this.expected = token.isEmpty() ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    Route guard(Supplier<Route> inner) {
        Route route = inner.get();
        if (expected == null) {
            return route;
        }
        return extractRequest(request -> READS.contains(request.method()) || authorized(request)
                ? route
                : complete(UNAUTHORIZED.response().addHeader(RawHeader.create("WWW-Authenticate", "Bearer"))));
    }

    private boolean authorized(HttpRequest request) {
        return request.getHeader("Authorization")
                .map(header -> MessageDigest.isEqual(expected, header.value().getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }
}
