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
import static org.apache.pekko.http.javadsl.server.Directives.put;
import static org.apache.pekko.http.javadsl.server.Directives.withRequestTimeout;
import static org.apache.pekko.http.javadsl.server.PathMatchers.integerSegment;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.pikko.admin.ActionViews.ActionList;
import io.pikko.admin.ActionViews.RebalanceView;
import io.pikko.admin.ApiViews.GroupView;
import io.pikko.admin.ApiViews.Access;
import io.pikko.admin.ApiViews.NodeReport;
import io.pikko.admin.ApiViews.NodeSlotOps;
import io.pikko.admin.ApiViews.SlotView;
import io.pikko.admin.RequestBodies.NewGroup;
import io.pikko.admin.RequestBodies.GroupChange;
import io.pikko.admin.RequestBodies.NewServer;
import io.pikko.admin.RequestBodies.Promotion;
import io.pikko.admin.RequestBodies.RebalanceRequest;
import io.pikko.admin.RequestBodies.SettingsChange;
import io.pikko.admin.RequestBodies.SlotRange;
import io.pikko.actors.replication.Followers;
import io.pikko.actors.replication.ReplicaDigest;
import io.pikko.dashboard.Dashboard;
import io.pikko.dashboard.ServerPosition;
import io.pikko.dashboard.Topology;
import io.pikko.protocol.SlotHash;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * The cluster admin API under {@code /api}. Any node answers: reads and changes of the topology and
 * of the slot actions (migrations, their settings, rebalance) go to the dashboard singleton,
 * wherever it runs; a change is the dashboard's answer, or 503 when it cannot be reached in time.
 */
final class AdminApi {
    private static final Duration DASHBOARD_TIMEOUT = Duration.ofSeconds(5);
    /**
     * A read (topology, positions, actions) is answered from the dashboard's memory at once, so
     * one that takes longer went to a dashboard that died; the caller hears so sooner and asks
     * again, reaching the new one (until its node is removed, the old one still gets the asks).
     */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration ASSIGN_TIMEOUT = Duration.ofSeconds(75);
    /** Prometheus's text exposition format, version 0.0.4. */
    private static final ContentType.WithFixedCharset PROMETHEUS_TEXT =
            ContentTypes.create(MediaTypes.customWithFixedCharset("text", "plain", HttpCharsets.UTF_8,
                    Map.of("version", "0.0.4"), false));

    private final AdminContext context;
    private final BearerAuth auth;
    private final LiveFigures live;
    private final ClusterNodes nodes;
    private final ClusterOverview overview;
    private final ClusterSlotLoad slotLoad;
    private final NodeMetrics metrics;
    private final DashboardMeters dashboardMeters;

    AdminApi(AdminContext context, NodeMetrics metrics) {
        this.context = context;
        this.auth = new BearerAuth(context.token());
        this.live = LiveFigures.start(context.system(), context.figures(), metrics.latency());
        this.nodes = new ClusterNodes(context.system());
        PeerFigures peers = new PeerFigures();
        SlotKeyCounts slotKeys = new SlotKeyCounts(context.slots(), context.system().scheduler());
        this.overview = new ClusterOverview(nodes, peers, slotKeys, this::nodeReport);
        this.slotLoad = new ClusterSlotLoad(nodes, peers, slotKeys,
                () -> new NodeSlotOps(context.respAddress(), live.last().slotOpsPerSec()));
        this.metrics = metrics;
        this.dashboardMeters = new DashboardMeters(metrics.registry());
    }

    /**
     * {@code GET /metrics}: this node's meters, and on the node that runs the dashboard its state,
     * read from the dashboard at each scrape.
     */
    Route metricsRoute() {
        boolean runsDashboard = nodes.members().stream().anyMatch(m -> m.self() && m.dashboard());
        if (!runsDashboard) {
            dashboardMeters.hide();
        }
        CompletionStage<Void> dashboardState = runsDashboard
                ? askTopology().thenCombine(askActions(), TopologyAndActions::new).handle((both, failure) -> {
                    if (failure == null) {
                        dashboardMeters.show(both.topology(), both.actions());
                    } else {
                        dashboardMeters.hide();
                    }
                    return null;
                })
                : CompletableFuture.completedFuture(null);
        return completeWithFuture(dashboardState.thenApply(done -> HttpResponse.create().withEntity(
                PROMETHEUS_TEXT, metrics.scrape())));
    }

    Route routes() {
        return pathPrefix("api", () -> auth.guard(() -> concat(
                path("overview", () -> get(() -> withTopologyAndActions((topology, actions) -> positions()
                        .thenCompose(positions -> overview.of(topology, actions, positions))
                        .thenApply(view -> JsonBodies.response(200, view))))),
                pathPrefix("node", () -> concat(
                        pathEndOrSingleSlash(() -> get(() -> complete(JsonBodies.response(200, nodeReport())))),
                        path("slots", () -> get(() -> complete(JsonBodies.response(200,
                                new NodeSlotOps(context.respAddress(), live.last().slotOpsPerSec()))))),
                        pathPrefix("replication", () -> concat(
                                pathEndOrSingleSlash(() -> get(() -> complete(JsonBodies.response(200,
                                        NodeReplication.of(context.respAddress(), context.replication()))))),
                                path(integerSegment(), slot -> get(() -> replicaDigest(slot))))))),
                // Whether changes need the token; a POST passes the guard only with it, so it checks one.
                path("access", () -> concat(
                        get(() -> complete(JsonBodies.response(200, new Access(!context.token().isEmpty(), false)))),
                        post(() -> complete(JsonBodies.response(200, new Access(!context.token().isEmpty(), true)))))),
                path("nodes", () -> get(() -> complete(JsonBodies.response(200, nodes.members())))),
                pathPrefix("groups", this::groupRoutes),
                pathPrefix("slots", this::slotRoutes),
                pathPrefix("actions", this::actionRoutes),
                path("rebalance", () -> post(() -> body(RebalanceRequest::from, RebalanceRequest.EXAMPLE, request -> change(
                        replyTo -> new Dashboard.Rebalance(request.confirm(), replyTo),
                        Dashboard.Planned.class, planned -> JsonBodies.response(200, RebalanceView.of(planned)))))))));
    }

    /** {@code GET /api/node/replication/{slot}}: this node's copy of a slot it follows, with its digest; 404 when it follows none. */
    private Route replicaDigest(int slot) {
        if (slot < 0 || slot >= SlotHash.SLOTS) {
            return complete(new ApiError(400, "slot must be 0.." + (SlotHash.SLOTS - 1)).response());
        }
        CompletionStage<Optional<ReplicaDigest>> digest = AskPattern.ask(context.followers(),
                replyTo -> new Followers.Digest(slot, replyTo), Duration.ofSeconds(30), context.system().scheduler());
        return completeWithFuture(digest.thenApply(found -> found
                .map(d -> JsonBodies.response(200, d))
                .orElseGet(() -> new ApiError(404, "this node does not follow slot " + slot).response())));
    }

    private Route groupRoutes() {
        return concat(
                pathEndOrSingleSlash(() -> concat(
                        get(() -> withGroups((topology, positions) -> ok(GroupView.all(topology, nodes.liveServers(), positions)))),
                        post(() -> body(NewGroup::from, NewGroup.EXAMPLE, group -> changeTopology(
                                replyTo -> new Dashboard.CreateGroup(group.id(), replyTo),
                                topology -> groupResponse(201, topology, group.id())))))),
                pathPrefix(integerSegment(), id -> concat(
                        pathEndOrSingleSlash(() -> concat(
                                get(() -> withGroups((topology, positions) ->
                                        CompletableFuture.completedFuture(groupResponse(200, topology, id, positions)))),
                                put(() -> body(GroupChange::from, GroupChange.EXAMPLE, change -> changeTopology(
                                        replyTo -> new Dashboard.SetGroupMode(id, change.mode(), replyTo),
                                        topology -> groupResponse(200, topology, id)))),
                                delete(() -> changeTopology(
                                        replyTo -> new Dashboard.RemoveGroup(id, replyTo),
                                        topology -> HttpResponse.create().withStatus(204))))),
                        path("promote", () -> post(() -> body(Promotion::from, Promotion.EXAMPLE, promotion -> changeTopology(
                                replyTo -> new Dashboard.Promote(id, promotion.node(), promotion.force(), replyTo),
                                topology -> groupResponse(200, topology, id))))),
                        pathPrefix("servers", () -> concat(
                                pathEndOrSingleSlash(() -> post(() -> body(NewServer::from, NewServer.EXAMPLE, server -> changeTopology(
                                        replyTo -> new Dashboard.AddServer(id, server.node(), replyTo),
                                        topology -> groupResponse(200, topology, id))))),
                                path(segment(), node -> delete(() -> changeTopology(
                                        replyTo -> new Dashboard.RemoveServer(id, node, replyTo),
                                        topology -> groupResponse(200, topology, id)))))))));
    }

    private Route slotRoutes() {
        return concat(
                pathEndOrSingleSlash(() -> get(() -> withTopologyAndActions((topology, actions) ->
                        ok(SlotView.all(topology, actions))))),
                path("load", () -> get(() -> completeWithFuture(slotLoad.now().thenApply(view -> JsonBodies.response(200, view))))),
                // The answer waits until the new master serves the slots, longer than other calls wait.
                path("assign", () -> post(() -> withRequestTimeout(ASSIGN_TIMEOUT, () -> body(SlotRange::from, SlotRange.EXAMPLE,
                        range -> completeWithFuture(answer(context.slotAssigner().assign(range.from(), range.to(), range.group()),
                                "slot assignment did not complete", Dashboard.Accepted.class,
                                accepted -> groupResponse(200, accepted.topology(), range.group()))))))),
                path("migrate", () -> post(() -> body(SlotRange::from, SlotRange.EXAMPLE, range -> change(
                        replyTo -> new Dashboard.MigrateSlots(range.from(), range.to(), range.group(), replyTo),
                        Dashboard.ActionsView.class, AdminApi::actionsResponse)))));
    }

    private Route actionRoutes() {
        return concat(
                pathEndOrSingleSlash(() -> get(() -> respondWith(askActions(), view -> ok(ActionList.of(view))))),
                path("settings", () -> put(() -> body(SettingsChange::from, SettingsChange.EXAMPLE, change -> change(
                        replyTo -> new Dashboard.ChangeActionSettings(change, replyTo),
                        Dashboard.ActionsView.class, AdminApi::actionsResponse)))),
                path(integerSegment(), slot -> delete(() -> change(
                        replyTo -> new Dashboard.DeleteAction(slot, replyTo),
                        Dashboard.ActionsView.class, AdminApi::actionsResponse))));
    }

    private NodeReport nodeReport() {
        NodeFigures figures = context.figures().get();
        LiveFigures.Sample sample = live.last();
        return new NodeReport(context.respAddress(), figures.commandsProcessed(), sample.opsPerSec(), sample.p99Seconds(),
                figures.connectedClients(), context.footprint().get());
    }

    /** Answers from the dashboard's current topology, or 503 when the dashboard does not answer in time. */
    private Route withTopology(Function<Topology, CompletionStage<HttpResponse>> respond) {
        return respondWith(askTopology(), respond);
    }

    /** Answers from the dashboard's topology and slot actions, or 503 when the dashboard does not answer in time. */
    private Route withTopologyAndActions(BiFunction<Topology, Dashboard.ActionsView, CompletionStage<HttpResponse>> respond) {
        return respondWith(askTopology().thenCombine(askActions(), TopologyAndActions::new),
                both -> respond.apply(both.topology(), both.actions()));
    }

    /** The topology with the sentinel's last positions; without positions if only those do not come in time. */
    private Route withGroups(BiFunction<Topology, Map<String, ServerPosition>, CompletionStage<HttpResponse>> respond) {
        return respondWith(askTopology().thenCombine(positions(), TopologyAndPositions::new),
                both -> respond.apply(both.topology(), both.positions()));
    }

    /** Each group server's position and lag at the sentinel's last probes; none when the dashboard does not answer. */
    private CompletionStage<Map<String, ServerPosition>> positions() {
        return AskPattern.<Dashboard.Command, Dashboard.Positions>ask(
                        context.dashboard(), Dashboard.GetPositions::new, READ_TIMEOUT, context.system().scheduler())
                .handle((answer, failure) -> failure == null ? answer.byServer() : Map.of());
    }

    private record TopologyAndPositions(Topology topology, Map<String, ServerPosition> positions) {}

    private record TopologyAndActions(Topology topology, Dashboard.ActionsView actions) {}

    private static <T> Route respondWith(CompletionStage<T> read, Function<T, CompletionStage<HttpResponse>> respond) {
        return completeWithFuture(read.handle((value, failure) -> failure == null
                        ? respond.apply(value)
                        : CompletableFuture.completedFuture(ApiError.unavailable("dashboard not reachable", failure).response()))
                .thenCompose(response -> response));
    }

    private CompletionStage<Topology> askTopology() {
        return AskPattern.ask(context.dashboard(), Dashboard.GetTopology::new, READ_TIMEOUT, context.system().scheduler());
    }

    private CompletionStage<Dashboard.ActionsView> askActions() {
        return AskPattern.<Dashboard.Command, Dashboard.Result>ask(context.dashboard(), Dashboard.GetActions::new, READ_TIMEOUT,
                context.system().scheduler()).thenApply(result -> {
            if (result instanceof Dashboard.ActionsView view) {
                return view;
            }
            throw new IllegalStateException("the dashboard answered " + result + " when asked for its actions");
        });
    }

    private CompletionStage<Dashboard.Result> ask(Function<ActorRef<Dashboard.Result>, Dashboard.Command> command) {
        return AskPattern.ask(context.dashboard(), command::apply, DASHBOARD_TIMEOUT, context.system().scheduler());
    }

    /** A change whose answer is the new topology. */
    private Route changeTopology(Function<ActorRef<Dashboard.Result>, Dashboard.Command> command,
                                 Function<Topology, HttpResponse> onAccepted) {
        return change(command, Dashboard.Accepted.class, accepted -> onAccepted.apply(accepted.topology()));
    }

    private <R extends Dashboard.Result> Route change(Function<ActorRef<Dashboard.Result>, Dashboard.Command> command,
                                                      Class<R> answerType, Function<R, HttpResponse> onAccepted) {
        return completeWithFuture(answer(ask(command), "dashboard not reachable", answerType, onAccepted));
    }

    /** The dashboard's refusal as an error with its status, or its answer of the expected type made a response. */
    private static <R extends Dashboard.Result> CompletionStage<HttpResponse> answer(
            CompletionStage<Dashboard.Result> result, String unavailable, Class<R> answerType, Function<R, HttpResponse> onAccepted) {
        return result.handle((answer, failure) -> {
            if (failure != null) {
                return ApiError.unavailable(unavailable, failure).response();
            }
            if (answer instanceof Dashboard.Refused refused) {
                return new ApiError(refused.status(), refused.message()).response();
            }
            if (!answerType.isInstance(answer)) {
                return new ApiError(500, "the dashboard answered " + answer.getClass().getSimpleName()
                        + ", not " + answerType.getSimpleName()).response();
            }
            return onAccepted.apply(answerType.cast(answer));
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

    private static HttpResponse actionsResponse(Dashboard.ActionsView view) {
        return JsonBodies.response(200, ActionList.of(view));
    }

    /** A group after a change: its servers' positions come with the next GET, after the next probes. */
    private HttpResponse groupResponse(int status, Topology topology, int group) {
        return groupResponse(status, topology, group, Map.of());
    }

    private HttpResponse groupResponse(int status, Topology topology, int group, Map<String, ServerPosition> positions) {
        return topology.group(group)
                .map(g -> JsonBodies.response(status, GroupView.of(topology, g, nodes.liveServers(), positions)))
                .orElseGet(() -> new ApiError(404, "no group " + group).response());
    }
}
