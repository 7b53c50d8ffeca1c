package io.pikko.admin;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.pikko.protocol.NodeClock;
import io.pikko.protocol.Reply;
import io.pikko.actors.LocalSlots;
import io.pikko.actors.replication.Followers;
import io.pikko.actors.replication.ReplicationBoard;
import io.pikko.protocol.KeyspaceEvents;
import io.pikko.actors.SlotEntity;
import io.pikko.protocol.SlotOp;
import io.pikko.protocol.SlotReply;
import io.pikko.actors.migration.MigrationLimits;
import io.pikko.actors.migration.MigrationReceiver;
import io.pikko.dashboard.ActionSettings;
import io.pikko.dashboard.Dashboard;
import io.pikko.dashboard.ReplicationSettings;
import io.pikko.dashboard.DashboardPlacement;
import io.pikko.dashboard.SlotAssigner;
import io.pikko.dashboard.Topology;
import io.pikko.sharding.NodeRoles;
import io.pikko.sharding.SlotSharding;
import io.pikko.storage.FsyncPolicy;
import io.pikko.storage.PikkoStore;
import io.pikko.protocol.NodeClock;
import io.pikko.protocol.SlotHash;
import io.pikko.storage.StoreOptions;
import io.pikko.testing.Eventually;
import io.pikko.testing.ProjectConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * A node as the admin API sees one: a real actor system in a real cluster (joined to itself, or to
 * a seed), with a RocksDB store, the slot shards placed by the real dashboard singleton (its journal
 * in memory), and the admin HTTP server on 127.0.0.1. The node's figures are counters a test sets.
 */
final class AdminTestNode implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(60);

    final String resp;
    final AtomicLong commands = new AtomicLong();
    final AtomicLong clients = new AtomicLong();
    /** The commands the node reports it sent to each slot, as the gateway would count them. */
    final AtomicLongArray slotCommands = new AtomicLongArray(SlotHash.SLOTS);
    private final Path dir;
    private final ActorSystem<Void> system;
    private final PikkoStore store;
    private final ReplicationBoard board;
    private final ActorRef<Followers.Command> followers;
    private final ActorRef<ShardingEnvelope<SlotEntity.Command>> slots;
    private final ActorRef<Dashboard.Command> dashboard;
    private final List<ServerBinding> bindings = new ArrayList<>();
    private final int adminPort;

    private AdminTestNode(String resp, Address seed, String token) throws IOException {
        this.resp = resp;
        this.dir = Files.createTempDirectory("pikko-admin-test");
        this.adminPort = freePort();
        this.system = ActorSystem.create(Behaviors.empty(), "pikko", config(resp, "127.0.0.1:" + adminPort, dir));
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(seed == null ? cluster.selfMember().address() : seed));
        this.store = PikkoStore.open(new StoreOptions(dir.resolve("db"), FsyncPolicy.NO, 16L << 20, 4L << 20), NodeClock.SYSTEM);
        this.board = new ReplicationBoard(store::binlogRecords);
        AtomicReference<ActorRef<Dashboard.Command>> proxy = new AtomicReference<>();
        this.slots = SlotSharding.init(system, store, 16, new DashboardPlacement(system, proxy::get), new LocalSlots(),
                KeyspaceEvents.NONE, board);
        this.dashboard = Dashboard.init(system, resp, slots, MigrationLimits.defaults(), ActionSettings.defaults(), ReplicationSettings.defaults(),
                NodeClock.SYSTEM);
        proxy.set(dashboard);
        // Takes the slot clearing an assignment asks of a group's new master; this test node serves
        // no slot through it, so none is refused.
        system.systemActorOf(MigrationReceiver.create(resp, store, 16, slot -> false, NodeClock.SYSTEM), "migration-receiver", Props.empty());
        this.followers = system.systemActorOf(Followers.create(store, 16, resp, new LocalSlots(),
                slot -> ClusterSharding.get(system).entityRefFor(SlotSharding.TYPE_KEY, Integer.toString(slot)),
                NodeClock.SYSTEM, board), "followers", Props.empty());
        awaitUp(system);
        bindings.add(bind(adminPort, token, dashboard));
    }

    /** A node that forms a cluster of its own; its admin API asks for {@code token} when it is not empty. */
    static AdminTestNode lone(String resp, String token) throws IOException {
        AdminTestNode node = new AdminTestNode(resp, null, token);
        node.awaitSlotsServed();
        return node;
    }

    /** A node that joins {@code seed}'s cluster. */
    static AdminTestNode joining(String resp, AdminTestNode seed) throws IOException {
        return new AdminTestNode(resp, Cluster.get(seed.system).selfMember().address(), "");
    }

    /** A second admin endpoint on this node, with its own token. */
    String addAdminEndpoint(String token) {
        int port = freePort();
        bindings.add(bind(port, token, dashboard));
        return "http://127.0.0.1:" + port;
    }

    /** An admin endpoint whose dashboard never answers, as when the singleton cannot be reached. */
    String addEndpointWithSilentDashboard() {
        int port = freePort();
        bindings.add(bind(port, "", system.ignoreRef()));
        return "http://127.0.0.1:" + port;
    }

    String url() {
        return "http://127.0.0.1:" + adminPort;
    }

    Address clusterAddress() {
        return Cluster.get(system).selfMember().address();
    }

    /** Writes a key through its slot's entity, as the gateway would. */
    void set(String key, String value) {
        int slot = SlotHash.slotOf(key.getBytes(StandardCharsets.UTF_8));
        SlotReply reply = AskPattern.<ShardingEnvelope<SlotEntity.Command>, SlotReply>ask(slots,
                replyTo -> SlotEntity.envelope(slot, new SlotEntity.Request(new SlotOp.RunCommand(0, "set",
                        List.of("set".getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8))), slot, replyTo)),
                WAIT, system.scheduler()).toCompletableFuture().join();
        if (!reply.reply().equals(Reply.OK)) {
            throw new IllegalStateException("SET " + key + " answered " + reply.reply());
        }
    }

    /** The keys of a slot in database 0. */
    long keysIn(int slot) {
        SlotReply reply = AskPattern.<ShardingEnvelope<SlotEntity.Command>, SlotReply>ask(slots,
                replyTo -> SlotEntity.envelope(slot, new SlotEntity.Request(new SlotOp.CountKeys(0), slot, replyTo)),
                WAIT, system.scheduler()).toCompletableFuture().join();
        return ((Reply.Int) reply.reply()).value();
    }

    Topology topology() {
        return AskPattern.<Dashboard.Command, Topology>ask(dashboard, Dashboard.GetTopology::new, WAIT, system.scheduler())
                .toCompletableFuture().join();
    }

    private ServerBinding bind(int port, String token, ActorRef<Dashboard.Command> dashboard) {
        AdminContext context = new AdminContext(system, dashboard, new SlotAssigner(system, slots, dashboard), slots,
                token, resp, () -> new NodeFigures(commands.get(), clients.get(), slotCommandCounts()),
                new FootprintReader(store, dir)::read, board, followers);
        return AdminServer.start(context, "127.0.0.1", port, new NodeMetrics()).toCompletableFuture().join();
    }

    private long[] slotCommandCounts() {
        long[] counts = new long[SlotHash.SLOTS];
        for (int slot = 0; slot < counts.length; slot++) {
            counts[slot] = slotCommands.get(slot);
        }
        return counts;
    }

    /** The dashboard has laid out the cluster and every slot has started on its master. */
    private void awaitSlotsServed() {
        List<CompletableFuture<SlotReply>> started = new ArrayList<>();
        for (int slot = 0; slot < SlotHash.SLOTS; slot++) {
            int s = slot;
            started.add(AskPattern.<ShardingEnvelope<SlotEntity.Command>, SlotReply>ask(slots,
                    replyTo -> SlotEntity.envelope(s, new SlotEntity.Request(new SlotOp.CountKeys(0), s, replyTo)),
                    WAIT, system.scheduler()).toCompletableFuture());
        }
        CompletableFuture.allOf(started.toArray(new CompletableFuture<?>[0])).join();
    }

    static void awaitUp(ActorSystem<?> system) {
        Eventually.await(WAIT, "the node is up in the cluster",
                () -> Cluster.get(system).selfMember().status() == MemberStatus.up());
    }

    /** The node's real defaults (conf/application.conf), on free ports, with the dashboard's journal in memory. */
    static Config config(String resp, String admin, Path dir) {
        return ConfigFactory.parseString("""
                        pekko.persistence.journal.plugin = "pekko.persistence.journal.inmem"
                        pekko.persistence.snapshot-store.plugin = "pekko.persistence.snapshot-store.local"
                        """)
                .withValue("pekko.persistence.snapshot-store.local.dir",
                        ConfigValueFactory.fromAnyRef(dir.resolve("snapshots").toString()))
                .withValue("pekko.cluster.roles", ConfigValueFactory.fromIterable(
                        List.of(NodeRoles.resp(resp), NodeRoles.admin(admin))))
                .withFallback(ProjectConfig.load())
                .resolve();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        // A binding whose listener already stopped (its node was downed, say) has nothing left to unbind.
        bindings.forEach(b -> b.unbind().toCompletableFuture().handle((done, failure) -> done).join());
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
