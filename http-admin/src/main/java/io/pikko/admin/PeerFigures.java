package io.pikko.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.pikko.admin.ApiViews.NodeReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Asks another node's admin endpoint for its own figures ({@code GET /api/node}). Short timeouts:
 * a dead or stuck peer costs the overview a moment, never a hang.
 */
final class PeerFigures {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(1500);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    /** The node's report, or nothing when it cannot be had in time. */
    CompletableFuture<Optional<NodeReport>> fetch(String adminAddress) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create("http://" + adminAddress + "/api/node"))
                    .timeout(REQUEST_TIMEOUT).GET().build();
        } catch (IllegalArgumentException badAddress) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            if (failure != null || response.statusCode() != 200) {
                return Optional.empty();
            }
            try {
                return Optional.of(JsonBodies.MAPPER.readValue(response.body(), NodeReport.class));
            } catch (JsonProcessingException unreadable) {
                return Optional.empty();
            }
        });
    }
}
