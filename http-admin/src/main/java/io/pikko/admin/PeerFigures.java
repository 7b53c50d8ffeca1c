package io.pikko.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.pikko.admin.ApiViews.MemberView;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Asks another node's admin endpoint for its own figures ({@code GET /api/node} and
 * {@code /api/node/slots}). Short timeouts: a dead or stuck peer costs the answer a moment, never a hang.
 */
final class PeerFigures {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(1500);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    /**
     * A member's answer at {@code path}: this node's own from {@code self}, a peer's over HTTP, and
     * nothing for a member that is unreachable, names no admin address, or does not answer in time.
     */
    <T> CompletableFuture<Optional<T>> of(MemberView member, String path, Class<T> type, Supplier<T> self) {
        if (member.self()) {
            return CompletableFuture.completedFuture(Optional.of(self.get()));
        }
        if (member.admin() == null || member.status().equals(ClusterNodes.UNREACHABLE)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return fetch(member.admin(), path, type);
    }

    private <T> CompletableFuture<Optional<T>> fetch(String adminAddress, String path, Class<T> type) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create("http://" + adminAddress + path))
                    .timeout(REQUEST_TIMEOUT).GET().build();
        } catch (IllegalArgumentException badAddress) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            if (failure != null || response.statusCode() != 200) {
                return Optional.empty();
            }
            try {
                return Optional.of(JsonBodies.MAPPER.readValue(response.body(), type));
            } catch (JsonProcessingException unreadable) {
                return Optional.empty();
            }
        });
    }
}
