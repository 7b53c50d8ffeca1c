package io.pikko.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.pikko.actors.SlotEntity;
import io.pikko.protocol.SlotOp;
import io.pikko.protocol.SlotReply;
import io.pikko.actors.migration.MigrationReceiver;
import io.pikko.admin.AdminContext;
import io.pikko.admin.AdminServer;
import io.pikko.admin.NodeFigures;
import io.pikko.admin.NodeMetrics;
import io.pikko.dashboard.Dashboard;
import io.pikko.dashboard.DashboardJournal;
import io.pikko.dashboard.DashboardPlacement;
import io.pikko.dashboard.JournalSettings;
import io.pikko.dashboard.SlotAssigner;
import io.pikko.gateway.GatewayServer;
import io.pikko.gateway.GatewaySettings;
import io.pikko.gateway.RuntimeConfig;
import io.pikko.gateway.ServerControl;
import io.pikko.gateway.SlotAvailability;
import io.pikko.gateway.SlotRouter;
import io.pikko.actors.ExpirySweeper;
import io.pikko.actors.GarbageCollector;
import io.pikko.sharding.NodeRoles;
import io.pikko.sharding.SlotSharding;
import io.pikko.storage.FsyncPolicy;
import io.pikko.storage.PikkoStore;
import io.pikko.protocol.SlotHash;
import io.pikko.storage.StoreOptions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Pikko node assembled: the store, the RESP port (bound first, so the node knows its name),
 * the actor system joined to its cluster, the dashboard singleton, the slot shards placed by the
 * dashboard's map, the background loops, and the admin HTTP port. {@link #close()} or SIGTERM stops
 * them in the reverse order.
 */
public final class PikkoNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PikkoNode.class);

    /** How long a starting node waits for the cluster to show it the slot map. */
    private static final Duration TOPOLOGY_WAIT = Duration.ofSeconds(120);

    private final NodeSettings settings;
    private final PikkoStore store;
    private final GatewayServer gateway;
    private final ActorSystem<Void> system;
    private final String selfNode;
    private final int adminPort;
    private TopologyView topology;
    private ServerBinding adminBinding;

    private PikkoNode(NodeSettings settings) throws InterruptedException {
        this.settings = settings;
        this.store = PikkoStore.open(new StoreOptions(settings.dataDir().resolve("db"), settings.fsync(),
                settings.blockCacheBytes(), settings.writeBufferBytes()));
        this.gateway = new GatewayServer(
                new GatewaySettings(settings.bind(), settings.port(), settings.databases(), settings.requestTimeout(),
                        settings.ioThreads(), settings.configFile()),
                new RuntimeConfig(settings.requirePass(), settings.protoMaxBulkLen(), settings.maxClients()));
        JournalSettings journal = JournalSettings.of(settings.journalUrl(), settings.journalUser(),
                settings.journalPassword(), settings.dataDir());
        try {
            gateway.bind();
            this.selfNode = settings.clusterHost() + ":" + gateway.port();
            int adminPort = settings.adminPort() != 0 ? settings.adminPort() : FreePort.find(settings.bind());
            createJournalSchema(journal);
            Config config = ConfigFactory.empty()
                    .withValue("pekko.cluster.roles", ConfigValueFactory.fromIterable(List.of(
                            NodeRoles.resp(selfNode), NodeRoles.admin(settings.clusterHost() + ":" + adminPort))))
                    .withFallback(DashboardJournal.config(journal))
                    .withFallback(settings.config());
            this.system = ActorSystem.create(Behaviors.empty(), "pikko", config);
            this.adminPort = adminPort;
        } catch (RuntimeException | InterruptedException e) {
            gateway.close();
            store.close();
            throw e;
        }
        try {
            assemble();
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        LOG.info("Pikko node ready: RESP on {}:{}, cluster on {}:{}, data in {}, fsync {}",
                settings.bind(), gateway.port(), settings.clusterHost(), Cluster.get(system).selfMember().address().getPort().orElse(0),
                settings.dataDir().toAbsolutePath(), settings.fsync().configName());
    }

    /** Joins the cluster, starts the dashboard, the slot shards and the loops, then lets clients in. */
    private void assemble() throws InterruptedException {
        Cluster cluster = Cluster.get(system);
        boolean lone = settings.seeds().isEmpty();
        if (lone) {
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
        } else {
            cluster.manager().tell(new JoinSeedNodes(settings.seeds().stream().map(PikkoNode::clusterAddress).toList()));
        }
        AtomicReference<ActorRef<Dashboard.Command>> dashboardProxy = new AtomicReference<>();
        ActorRef<ShardingEnvelope<SlotEntity.Command>> slots =
                SlotSharding.init(system, store, settings.databases(), new DashboardPlacement(system, dashboardProxy::get));
        ActorRef<Dashboard.Command> dashboard = Dashboard.init(system, selfNode, slots, settings.migrationLimits(),
                settings.actionSettings());
        dashboardProxy.set(dashboard);
        followRename(dashboard);
        topology = TopologyView.start(system, dashboard, selfNode, settings.topologyRefresh());
        system.systemActorOf(MigrationReceiver.create(selfNode, store, settings.databases(), topology::isLocal),
                "migration-receiver", DispatcherSelector.fromConfig(SlotSharding.STORAGE_DISPATCHER));
        ActorRef<Object> expirySweeper = system.systemActorOf(
                ExpirySweeper.create(store, slots, topology::isLocal, settings.sweepInterval(), settings.maxPerSweep()),
                "expiry-sweeper", DispatcherSelector.fromConfig(SlotSharding.STORAGE_DISPATCHER));
        ActorRef<Object> garbageCollector = system.systemActorOf(
                GarbageCollector.create(slots, topology::isLocal, settings.garbageInterval(), settings.garbageSlotsPerTick(),
                        settings.garbageStepRecords()),
                "garbage-collector", Props.empty());
        registerShutdown(expirySweeper, garbageCollector);
        awaitTopology();
        awaitLocalSlots(slots);
        gateway.open(new SlotRouter(slots, new SlotAvailability() {
            @Override
            public boolean isServed(int slot) {
                return topology.isServed(slot);
            }

            @Override
            public boolean movedRecently(int slot) {
                return topology.movedRecently(slot);
            }
        }), system, new Control());
        adminBinding = AdminServer.start(
                new AdminContext(system, dashboard, new SlotAssigner(system, slots, dashboard), slots,
                        settings.adminToken(), selfNode,
                        () -> new NodeFigures(gateway.stats().commandsProcessed(), gateway.clients().size())),
                settings.bind(), adminPort, metrics()).toCompletableFuture().join();
    }

    /** A node restarted on another port is still the node its data directory belonged to. */
    private void followRename(ActorRef<Dashboard.Command> dashboard) {
        NodeNameFile names = new NodeNameFile(settings.dataDir());
        names.previous().filter(previous -> !previous.equals(selfNode)).ifPresent(previous -> {
            Dashboard.Result result = AskPattern.<Dashboard.Command, Dashboard.Result>ask(dashboard,
                    replyTo -> new Dashboard.RenameServer(previous, selfNode, replyTo), TOPOLOGY_WAIT, system.scheduler())
                    .toCompletableFuture().join();
            if (result instanceof Dashboard.Refused refused) {
                LOG.warn("this node was {} and is now {}, but its groups keep the old name: {}", previous, selfNode,
                        refused.message());
            } else {
                LOG.info("this node was {} and is now {}; its groups follow", previous, selfNode);
            }
        });
        names.write(selfNode);
    }

    private static void createJournalSchema(JournalSettings journal) {
        try {
            DashboardJournal.createSchema(journal);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the dashboard journal at " + journal.url() + ": " + e.getMessage(), e);
        }
    }

    private static Address clusterAddress(String seed) {
        int colon = seed.lastIndexOf(':');
        return new Address("pekko", "pikko", seed.substring(0, colon), Integer.parseInt(seed.substring(colon + 1)));
    }

    /** Waits until this node is up in the cluster and has the slot map from the dashboard. */
    private void awaitTopology() throws InterruptedException {
        long deadline = System.nanoTime() + TOPOLOGY_WAIT.toNanos();
        while (topology.topology().isEmpty() || !topology.liveNodes().contains(selfNode)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("no slot map from the dashboard within " + TOPOLOGY_WAIT.toSeconds()
                        + " s: are the seeds " + settings.seeds() + " up, and is the journal reachable?");
            }
            Thread.sleep(50);
        }
    }

    /**
     * Starts this node's slot entities, each counting its keys, before clients are let in, so the
     * first requests do not wait on many entities starting at once.
     */
    private void awaitLocalSlots(ActorRef<ShardingEnvelope<SlotEntity.Command>> slots) {
        List<CompletableFuture<SlotReply>> started = new ArrayList<>();
        for (int slot = 0; slot < SlotHash.SLOTS; slot++) {
            if (!topology.isLocal(slot)) {
                continue;
            }
            int s = slot;
            started.add(AskPattern.<ShardingEnvelope<SlotEntity.Command>, SlotReply>ask(slots,
                    replyTo -> SlotEntity.envelope(s, new SlotEntity.Request(new SlotOp.CountKeys(0), s, replyTo)),
                    TOPOLOGY_WAIT, system.scheduler()).toCompletableFuture());
        }
        CompletableFuture.allOf(started.toArray(new CompletableFuture<?>[0])).join();
    }

    public static PikkoNode start(NodeSettings settings) throws InterruptedException {
        return new PikkoNode(settings);
    }

    /** Stops the gateway before the shards, and closes the store only once no entity can write. */
    private void registerShutdown(ActorRef<Object> expirySweeper, ActorRef<Object> garbageCollector) {
        CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
        shutdown.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "stop-background-loops", () -> {
            expirySweeper.tell(ExpirySweeper.Stop.INSTANCE);
            garbageCollector.tell(GarbageCollector.Stop.INSTANCE);
            return CompletableFuture.completedFuture(Done.getInstance());
        });
        shutdown.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "stop-resp-gateway", () -> {
            gateway.close();
            return CompletableFuture.completedFuture(Done.getInstance());
        });
        shutdown.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "stop-admin-http", () ->
                adminBinding == null ? CompletableFuture.completedFuture(Done.getInstance()) : adminBinding.unbind());
        shutdown.addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "close-store", () -> {
            store.close();
            return CompletableFuture.completedFuture(Done.getInstance());
        });
    }

    public int port() {
        return gateway.port();
    }

    public int adminPort() {
        return adminBinding.localAddress().getPort();
    }

    /** This node's name in the cluster: its RESP address. */
    public String selfNode() {
        return selfNode;
    }

    private NodeMetrics metrics() {
        NodeMetrics metrics = new NodeMetrics();
        gateway.stats().listen(metrics::commandDone);
        metrics.bindConnections(gateway, g -> g.clients().size(), g -> g.stats().connectionsReceived(),
                g -> g.stats().rejectedConnections());
        metrics.bindStore(store);
        return metrics;
    }

    public NodeSettings settings() {
        return settings;
    }

    public CompletionStage<Done> whenTerminated() {
        return system.getWhenTerminated();
    }

    /** Starts a clean stop and returns at once; {@link #whenTerminated()} tells when it is done. */
    public void shutdown() {
        CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.jvmExitReason());
    }

    @Override
    public void close() {
        CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.unknownReason()).toCompletableFuture().join();
        // If shutdown ran before the tasks could (an early failure), these still need closing.
        gateway.close();
        store.close();
    }

    private final class Control implements ServerControl {
        @Override
        public String fsyncPolicy() {
            return store.fsync().configName();
        }

        @Override
        public boolean setFsyncPolicy(String name) {
            return FsyncPolicy.parse(name).map(policy -> {
                store.setFsync(policy);
                return true;
            }).orElse(false);
        }

        @Override
        public long storeSizeBytes() {
            return store.approximateSizeBytes();
        }

        @Override
        public void shutdown() {
            LOG.info("SHUTDOWN requested by a client");
            PikkoNode.this.shutdown();
        }
    }
}
