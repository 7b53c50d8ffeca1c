package io.pikko.admin;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.delete;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.PathMatchers.integerSegment;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.pikko.admin.ApiViews.GroupView;
import io.pikko.admin.ApiViews.NodeReport;
import io.pikko.admin.ApiViews.SlotView;
import io.pikko.admin.RequestBodies.NewGroup;
import io.pikko.admin.RequestBodies.NewServer;
import io.pikko.admin.RequestBodies.SlotRange;
import io.pikko.dashboard.Dashboard;
import io.pikko.dashboard.Topology;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * The cluster admin API under {@code /api}. Any node answers: reads and changes of the topology go
 * to the dashboard singleton, wherever it runs; a change is the dashboard's answer, or 503 when it
 * cannot be reached in time.
 */
final class AdminApi {
    private static final Duration DASHBOARD_TIMEOUT = Duration.ofSeconds(5);

    private final AdminContext context;
    private final BearerAuth auth;
    private final OpsMeter ops;
    private final ClusterNodes nodes;
    private final ClusterOverview overview;

    AdminApi(AdminContext context) {
        this.context = context;
        this.auth = new BearerAuth(context.token());
        this.ops = OpsMeter.start(context.system(), context.figures());
        this.nodes = new ClusterNodes(context.system());
        this.overview = new ClusterOverview(nodes, new PeerFigures(),
                new SlotKeyCounts(context.slots(), context.system().scheduler()), this::nodeReport);
    }

    Route routes() {
        return pathPrefix("api", () -> auth.guard(() -> concat(
                path("overview", () -> get(() -> withTopology(topology ->
                        overview.of(topology).thenApply(view -> JsonBodies.response(200, view))))),
                path("node", () -> get(() -> complete(JsonBodies.response(200, nodeReport())))),
                path("nodes", () -> get(() -> complete(JsonBodies.response(200, nodes.members())))),
                pathPrefix("groups", this::groupRoutes),
                pathPrefix("slots", this::slotRoutes))));
    }

    private Route groupRoutes() {
        return concat(
                pathEndOrSingleSlash(() -> concat(
                        get(() -> withTopology(topology -> ok(GroupView.all(topology)))),
                        post(() -> body(NewGroup::from, NewGroup.EXAMPLE, group -> change(
                                replyTo -> new Dashboard.CreateGroup(group.id(), replyTo),
                                topology -> groupResponse(201, topology, group.id())))))),
                pathPrefix(integerSegment(), id -> concat(
                        pathEndOrSingleSlash(() -> delete(() -> change(
                                replyTo -> new Dashboard.RemoveGroup(id, replyTo),
                                topology -> HttpResponse.create().withStatus(204)))),
                        pathPrefix("servers", () -> concat(
                                pathEndOrSingleSlash(() -> post(() -> body(NewServer::from, NewServer.EXAMPLE, server -> change(
                                        replyTo -> new Dashboard.AddServer(id, server.node(), replyTo),
                                        topology -> groupResponse(200, topology, id))))),
                                path(segment(), node -> delete(() -> change(
                                        replyTo -> new Dashboard.RemoveServer(id, node, replyTo),
                                        topology -> groupResponse(200, topology, id)))))))));
    }

    private Route slotRoutes() {
        return concat(
                pathEndOrSingleSlash(() -> get(() -> withTopology(topology -> ok(SlotView.all(topology))))),
                path("assign", () -> post(() -> body(SlotRange::from, SlotRange.EXAMPLE, range -> completeWithFuture(
                        answer(context.slotAssigner().assign(range.from(), range.to(), range.group()),
                                "slot assignment did not complete",
                                topology -> groupResponse(200, topology, range.group())))))));
    }

    private NodeReport nodeReport() {
        NodeFigures figures = context.figures().get();
        return new NodeReport(context.respAddress(), figures.commandsProcessed(), ops.opsPerSec(), figures.connectedClients());
    }

    /** Answers from the dashboard's current topology, or 503 when the dashboard does not answer in time. */
    private Route withTopology(Function<Topology, CompletionStage<HttpResponse>> respond) {
        CompletionStage<Topology> topology = AskPattern.ask(context.dashboard(), Dashboard.GetTopology::new,
                DASHBOARD_TIMEOUT, context.system().scheduler());
        return completeWithFuture(topology.handle((t, failure) -> failure == null
                        ? respond.apply(t)
                        : CompletableFuture.completedFuture(ApiError.unavailable("dashboard not reachable", failure).response()))
                .thenCompose(response -> response));
    }

    private Route change(Function<ActorRef<Dashboard.Result>, Dashboard.Command> command,
                         Function<Topology, HttpResponse> onAccepted) {
        return completeWithFuture(answer(
                AskPattern.ask(context.dashboard(), command::apply, DASHBOARD_TIMEOUT, context.system().scheduler()),
                "dashboard not reachable", onAccepted));
    }

    private static CompletionStage<HttpResponse> answer(CompletionStage<Dashboard.Result> result, String unavailable,
                                                        Function<Topology, HttpResponse> onAccepted) {
        return result.handle((answer, failure) -> {
            if (failure != null) {
                return ApiError.unavailable(unavailable, failure).response();
            }
            if (answer instanceof Dashboard.Refused refused) {
                return new ApiError(refused.status(), refused.message()).response();
            }
            return onAccepted.apply(((Dashboard.Accepted) answer).topology());
        });
    }

    /** Reads the request body as JSON of the expected shape, or answers 400 showing that shape. */
    private static <T> Route body(Function<JsonNode, Optional<T>> reader, String example, Function<T, Route> inner) {
        return entity(Unmarshaller.entityToString(), text -> JsonBodies.parse(text).flatMap(reader)
                .map(inner)
                .orElseGet(() -> complete(ApiError.badBody(example).response())));
    }

    private static CompletionStage<HttpResponse> ok(Object view) {
        return CompletableFuture.completedFuture(JsonBodies.response(200, view));
    }

    private static HttpResponse groupResponse(int status, Topology topology, int group) {
        return topology.group(group)
                .map(g -> JsonBodies.response(status, GroupView.of(topology, g)))
                .orElseGet(() -> ApiError.NOT_FOUND.response());
    }
}
