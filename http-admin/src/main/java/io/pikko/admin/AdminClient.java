package io.pikko.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The CLI's side of the admin API: one HTTP call, its JSON answer, or why there is none. */
final class AdminClient {
    /** A backstop: the API answers by itself, a slot assignment once the slots serve (up to 75 s). */
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    /** The call failed; the message says why, ready for the operator, and the exit code what failed. */
    static final class Failure extends Exception {
        /** The API answered with an error. */
        static final int API_ERROR = 1;
        /** The node could not be reached, or the URL is no URL. */
        static final int UNREACHABLE = 3;

        private final int exitCode;

        Failure(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String base;
    private final String token;

    /** @param base the node's admin URL, such as http://127.0.0.1:9280 */
    AdminClient(String base, String token) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
    }

    /** A node name or other free text as one path segment. */
    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode get(String path) throws Failure {
        return send(request(path).GET());
    }

    JsonNode post(String path, Object body) throws Failure {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonBodies.write(body))));
    }

    JsonNode put(String path, Object body) throws Failure {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JsonBodies.write(body))));
    }

    JsonNode delete(String path) throws Failure {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) throws Failure {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
        } catch (IllegalArgumentException e) {
            throw new Failure("not a usable URL: " + base, Failure.UNREACHABLE);
        }
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /** The answer's JSON (null for an empty one) when it succeeded; otherwise the API's error message. */
    private JsonNode send(HttpRequest.Builder request) throws Failure {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Failure("cannot reach " + base + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    Failure.UNREACHABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted", Failure.UNREACHABLE);
        }
        JsonNode body = response.body().isEmpty() ? null : JsonBodies.parse(response.body()).orElse(null);
        if (response.statusCode() / 100 != 2) {
            String error = body != null && body.hasNonNull("error") ? body.get("error").asText() : response.body();
            throw new Failure(error + " (HTTP " + response.statusCode() + ")", Failure.API_ERROR);
        }
        return body;
    }
}
