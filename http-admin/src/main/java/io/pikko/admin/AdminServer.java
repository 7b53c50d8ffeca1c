package io.pikko.admin;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResource;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResourceDirectory;
import static org.apache.pekko.http.javadsl.server.Directives.handleExceptions;
import static org.apache.pekko.http.javadsl.server.Directives.handleRejections;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.pathSingleSlash;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The node's HTTP admin endpoint, the one place that binds the admin port: {@code GET /health},
 * {@code GET /metrics} in Prometheus's text format, the dashboard page at {@code /} (its assets
 * under {@code /dashboard/}), and the cluster admin API under {@code /api}.
 * Every error, whatever route it comes from, is answered as {@code {"error": "..."}}.
 */
public final class AdminServer {
    private AdminServer() {}

    public static CompletionStage<ServerBinding> start(AdminContext context, String host, int port,
                                                       NodeMetrics metrics) {
        AdminApi api = new AdminApi(context, metrics);
        Route routes = concat(
                path("health", () -> get(() -> complete(StatusCodes.OK,
                        HttpEntities.create(ContentTypes.APPLICATION_JSON, "{\"status\":\"up\"}")))),
                path("metrics", () -> get(api::metricsRoute)),
                // The dashboard page and its assets, bundled in this jar.
                pathSingleSlash(() -> get(() -> getFromResource("dashboard/index.html"))),
                pathPrefix("dashboard", () -> get(() -> getFromResourceDirectory("dashboard"))),
                api.routes());
        return Http.get(context.system()).newServerAt(host, port).bind(
                handleExceptions(jsonExceptions(), () -> handleRejections(jsonRejections(), () -> routes)));
    }

    /** Pekko's own answers to rejected requests (405, 415, ...), with their text moved into JSON. */
    private static RejectionHandler jsonRejections() {
        return RejectionHandler.newBuilder()
                .handleNotFound(complete(ApiError.NOT_FOUND.response()))
                .build()
                .withFallback(RejectionHandler.defaultHandler())
                .mapRejectionResponse(AdminServer::asJsonError);
    }

    private static HttpResponse asJsonError(HttpResponse response) {
        if (response.entity().getContentType().equals(ContentTypes.APPLICATION_JSON)
                || !(response.entity() instanceof HttpEntity.Strict strict)) {
            return response;
        }
        return response.withEntity(ContentTypes.APPLICATION_JSON,
                new ApiError(response.status().intValue(), strict.getData().utf8String()).json());
    }

    private static ExceptionHandler jsonExceptions() {
        return ExceptionHandler.newBuilder()
                .matchAny(e -> complete(new ApiError(500, "internal error: " + e.getMessage()).response()))
                .build();
    }
}
