package io.pikko.admin;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The node's HTTP admin endpoint: {@code GET /health} and {@code GET /metrics} in Prometheus's text
 * format. The cluster admin API and web dashboard are added here as the cluster grows.
 */
public final class AdminServer extends AllDirectives {
    private final Supplier<List<Metric>> metrics;

    private AdminServer(Supplier<List<Metric>> metrics) {
        this.metrics = metrics;
    }

    public static CompletionStage<ServerBinding> start(ActorSystem<?> system, String host, int port,
                                                       Supplier<List<Metric>> metrics) {
        return Http.get(system).newServerAt(host, port).bind(new AdminServer(metrics).routes());
    }

    private Route routes() {
        return concat(
                path("health", () -> get(() -> complete(StatusCodes.OK,
                        HttpEntities.create(ContentTypes.APPLICATION_JSON, "{\"status\":\"up\"}")))),
                path("metrics", () -> get(() -> complete(StatusCodes.OK,
                        HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, prometheus(metrics.get()))))),
                complete(StatusCodes.NOT_FOUND,
                        HttpEntities.create(ContentTypes.APPLICATION_JSON, "{\"error\":\"no such resource\"}")));
    }

    static String prometheus(List<Metric> metrics) {
        StringBuilder out = new StringBuilder();
        for (Metric m : metrics) {
            out.append("# HELP ").append(m.name()).append(' ').append(m.help()).append('\n');
            out.append("# TYPE ").append(m.name()).append(' ').append(m.type()).append('\n');
            out.append(m.name()).append(' ').append(String.format(Locale.ROOT, "%.0f", m.value())).append('\n');
        }
        return out.toString();
    }
}
