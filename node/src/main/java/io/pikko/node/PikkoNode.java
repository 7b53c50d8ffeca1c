package io.pikko.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.netty.handler.ssl.SslContextBuilder;
import io.pikko.actors.LocalSlots;
import io.pikko.actors.replication.Followers;
import io.pikko.actors.replication.ReplicationAgent;
import io.pikko.actors.replication.ReplicationBoard;
import io.pikko.actors.replication.UpstreamLink;
import io.pikko.actors.SlotEntity;
import io.pikko.actors.pubsub.PubSubHub;
import io.pikko.actors.pubsub.PubSubKeyspaceEvents;
import io.pikko.protocol.NodeClock;
import io.pikko.protocol.SlotOp;
import io.pikko.protocol.SlotReply;
import io.pikko.actors.migration.MigrationReceiver;
import io.pikko.admin.AdminContext;
import io.pikko.admin.AdminServer;
import io.pikko.admin.FootprintReader;
import io.pikko.admin.NodeFigures;
import io.pikko.admin.NodeMetrics;
import io.pikko.dashboard.Dashboard;
import io.pikko.dashboard.DashboardJournal;
import io.pikko.dashboard.DashboardPlacement;
import io.pikko.dashboard.JournalSettings;
import io.pikko.dashboard.SlotAssigner;
import io.pikko.gateway.GatewayServer;
import io.pikko.gateway.GatewaySettings;
import io.pikko.gateway.ListenFailure;
import io.pikko.gateway.RuntimeConfig;
import io.pikko.gateway.ServerControl;
import io.pikko.gateway.SlotAvailability;
import io.pikko.gateway.SlotLoad;
import io.pikko.gateway.SlotRouter;
import io.pikko.gateway.TlsListener;
import io.pikko.gateway.UpstreamAddress;
import io.pikko.actors.ExpirySweeper;
import io.pikko.actors.GarbageCollector;
import io.pikko.sharding.NodeRoles;
import io.pikko.sharding.SlotSharding;
import io.pikko.storage.FsyncPolicy;
import io.pikko.storage.PikkoStore;
import io.pikko.protocol.NodeClock;
import io.pikko.protocol.SlotHash;
import io.pikko.storage.StorageException;
import io.pikko.storage.StoreOptions;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;
import javax.net.ssl.SSLException;
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
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Pikko node assembled: the data directory's lock, the RESP ports (bound first, so the node
 * knows its name), the actor system joined to its cluster, the store, the dashboard singleton, the
 * slot shards placed by the dashboard's map, the background loops, and the admin HTTP port.
 * {@link #close()} or SIGTERM stops them in the reverse order.
 */
public final class PikkoNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PikkoNode.class);

    /** How long a starting node waits for the cluster to show it the slot map. */
    private static final Duration TOPOLOGY_WAIT = Duration.ofSeconds(120);

    private final NodeSettings settings;
    private final DataDirLock dataDirLock;
    private final PikkoStore store;
    /** Where this node's slots' replicas stand, and where this node's followers stand. */
    private final ReplicationBoard replication;
    private final GatewayServer gateway;
    private final ActorSystem<Void> system;
    private final String selfNode;
    private final int adminPort;
    private final SlotLoad slotLoad = new SlotLoad();
    private TopologyView topology;
    private ServerBinding adminBinding;

    /**
     * Takes what the node needs in the order that fails fastest: the data directory, the RESP
     * ports, the admin port, the journal, the cluster port, and only then the store, whose opening
     * may replay a long WAL. When a step fails, what the steps before it opened is closed again and
     * {@link CannotStart} says why.
     */
    private PikkoNode(NodeSettings settings) throws InterruptedException {
        this.settings = settings;
        this.dataDirLock = DataDirLock.acquire(settings.dataDir());
        GatewayServer gateway = null;
        ActorSystem<Void> system = null;
        try {
            gateway = new GatewayServer(
                    new GatewaySettings(settings.bind(), settings.port(), settings.databases(), settings.requestTimeout(),
                            settings.ioThreads(), settings.configFile()),
                    new RuntimeConfig(settings.requirePass(), settings.protoMaxBulkLen(), settings.maxClients(),
                            settings.clientOutputBufferLimit(), settings.clientTimeout(), settings.notifyKeyspaceEvents()),
                    settings.tls().map(PikkoNode::tlsListener));
            bindGateway(gateway);
            this.gateway = gateway;
            this.selfNode = settings.clusterHost() + ":" + gateway.port();
            this.adminPort = reserveAdminPort();
            ExposureWarnings.of(settings).forEach(warning -> LOG.warn("WARNING: {}", warning));
            JournalSettings journal = JournalSettings.of(settings.journalUrl(), settings.journalUser(),
                    settings.journalPassword(), settings.dataDir());
            createJournalSchema(journal);
            Config config = ConfigFactory.empty()
                    .withValue("pekko.cluster.roles", ConfigValueFactory.fromIterable(List.of(
                            NodeRoles.resp(selfNode), NodeRoles.admin(settings.clusterHost() + ":" + adminPort))))
                    .withFallback(DashboardJournal.config(journal))
                    .withFallback(settings.config());
            system = createActorSystem(config);
            this.system = system;
            this.store = openStore();
            store.setBinlogRetention(settings.binlogRetention());
            this.replication = new ReplicationBoard(store::replicationOffset);
        } catch (RuntimeException e) {
            if (system != null) {
                system.terminate();
                system.getWhenTerminated().toCompletableFuture().join();
            }
            if (gateway != null) {
                gateway.close();
            }
            dataDirLock.close();
            throw e;
        }
        try {
            assemble();
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        LOG.info("Pikko node ready: RESP on {}:{},{} admin on {}:{}, cluster on {}:{}, data in {}, fsync {}",
                settings.bind(), gateway.port(),
                gateway.tlsPort().isPresent() ? " TLS RESP on " + settings.bind() + ":" + gateway.tlsPort().getAsInt() + "," : "",
                settings.adminBind(), adminPort(),
                settings.clusterHost(), Cluster.get(system).selfMember().address().getPort().orElse(0),
                settings.dataDir().toAbsolutePath(), settings.fsync().configName());
    }

    private static TlsListener tlsListener(NodeSettings.TlsFiles files) {
        try {
            return new TlsListener(files.port(),
                    SslContextBuilder.forServer(files.certFile().toFile(), files.keyFile().toFile()).build());
        } catch (SSLException | IllegalArgumentException e) {
            throw new CannotStart("cannot load the TLS certificate " + files.certFile() + " (pikko.tls-cert-file) and key "
                    + files.keyFile() + " (pikko.tls-key-file): " + e.getMessage(), e);
        }
    }

    private void bindGateway(GatewayServer gateway) {
        try {
            gateway.bind();
        } catch (ListenFailure e) {
            throw ListenProblems.of(e.tls() ? "pikko.tls-port" : "pikko.port", "pikko.bind", e.host(), e.port(), e.getCause());
        }
    }

    /**
     * The admin API binds last, once the node is assembled, so its port is tried now: a node whose
     * admin port is taken stops before it opens the store. Port 0 picks a free port now, as its
     * address goes into this node's cluster roles before the HTTP server starts.
     */
    private int reserveAdminPort() {
        if (settings.adminPort() == 0) {
            try {
                return FreePort.find(settings.adminBind());
            } catch (UncheckedIOException e) {
                throw ListenProblems.of("pikko.admin.port", "pikko.admin.bind", settings.adminBind(), 0, e);
            }
        }
        ListenProblems.probe("pikko.admin.port", "pikko.admin.bind", settings.adminBind(), settings.adminPort());
        return settings.adminPort();
    }

    /**
     * The actor system binds the cluster port (Artery) as it starts. The port is tried first, as
     * Pekko would log its own failure at length before this node could say it in one line.
     */
    private ActorSystem<Void> createActorSystem(Config config) {
        if (settings.clusterPort() != 0) {
            ListenProblems.probe("pikko.cluster.port", "pikko.cluster.host", settings.clusterHost(), settings.clusterPort());
        }
        try {
            return ActorSystem.create(Behaviors.empty(), "pikko", config);
        } catch (RuntimeException e) {
            throw ListenProblems.of("pikko.cluster.port", "pikko.cluster.host", settings.clusterHost(),
                    settings.clusterPort(), e);
        }
    }

    private PikkoStore openStore() {
        Path directory = settings.dataDir().resolve("db");
        try {
            return PikkoStore.open(new StoreOptions(directory, settings.fsync(), settings.blockCacheBytes(),
                    settings.writeBufferBytes()), NodeClock.SYSTEM);
        } catch (StorageException e) {
            throw new CannotStart("cannot open the store in " + directory + " (pikko.data-dir): "
                    + e.getCause().getMessage(), e);
        }
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
        ActorRef<PubSubHub.Command> pubsub = system.systemActorOf(PubSubHub.create(), "pubsub", Props.empty());
        LocalSlots localSlots = new LocalSlots();
        ActorRef<ShardingEnvelope<SlotEntity.Command>> slots =
                SlotSharding.init(system, store, settings.databases(), new DashboardPlacement(system, dashboardProxy::get),
                        localSlots, new PubSubKeyspaceEvents(pubsub, gateway.config()::notifyKeyspaceEvents), replication);
        ActorRef<Dashboard.Command> dashboard = Dashboard.init(system, selfNode, slots, settings.migrationLimits(),
                settings.actionSettings(), settings.sentinel(), NodeClock.SYSTEM);
        dashboardProxy.set(dashboard);
        followRename(dashboard);
        topology = TopologyView.start(system, dashboard, selfNode, settings.topologyRefresh());
        system.systemActorOf(MigrationReceiver.create(selfNode, store, settings.databases(), topology::isLocal, NodeClock.SYSTEM),
                "migration-receiver", DispatcherSelector.fromConfig(SlotSharding.STORAGE_DISPATCHER));
        ClusterSharding sharding = ClusterSharding.get(system);
        ActorRef<Followers.Command> followers = system.systemActorOf(
                Followers.create(store, settings.databases(), selfNode, localSlots,
                        slot -> sharding.entityRefFor(SlotSharding.TYPE_KEY, Integer.toString(slot)), NodeClock.SYSTEM,
                        replication),
                "followers", DispatcherSelector.fromConfig(SlotSharding.STORAGE_DISPATCHER));
        system.systemActorOf(ReplicationAgent.create(selfNode, replication), "replication-agent", Props.empty());
        OneLineFile replicaOf = new OneLineFile(settings.dataDir(), "replica-of");
        Executor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
        ActorRef<UpstreamLink.Command> upstream = system.systemActorOf(
                UpstreamLink.create(master -> UpstreamAddress.of(master, masterAuth(), blocking), followers, localSlots,
                        replication, replicaOf::write),
                "upstream-link", Props.empty());
        Optional<String> resumed = replicaOf.read();
        // A replica's slots are its followers': no entity of them may start, not even for a moment.
        replication.upstream(resumed);
        IntPredicate servedHere = slot -> topology.isLocal(slot) && !replication.isReplica();
        topology.whenChanged(t -> {
            replication.topology(t.epochsBySlot(), t.replicatedMastersOf(selfNode), t.acksNeededBy(selfNode));
            followers.tell(new Followers.Follow(t.slotsReplicatedBy(selfNode), t.slotsOfGroupsWith(selfNode)));
        });
        ActorRef<Object> expirySweeper = system.systemActorOf(
                ExpirySweeper.create(store, slots, servedHere::test, settings.sweepInterval(), settings.maxPerSweep(),
                        NodeClock.SYSTEM),
                "expiry-sweeper", DispatcherSelector.fromConfig(SlotSharding.STORAGE_DISPATCHER));
        ActorRef<Object> garbageCollector = system.systemActorOf(
                GarbageCollector.create(slots, servedHere::test, settings.garbageInterval(), settings.garbageSlotsPerTick(),
                        settings.garbageStepRecords()),
                "garbage-collector", Props.empty());
        registerShutdown(expirySweeper, garbageCollector);
        awaitTopology();
        if (resumed.isPresent()) {
            upstream.tell(new UpstreamLink.ReplicaOf(resumed, system.ignoreRef()));
        } else {
            awaitLocalSlots(slots);
        }
        gateway.open(new SlotRouter(slots, new SlotAvailability() {
            @Override
            public boolean isServed(int slot) {
                return topology.isServed(slot);
            }

            @Override
            public boolean movedRecently(int slot) {
                return topology.movedRecently(slot);
            }

            @Override
            public boolean isReplica() {
                return replication.isReplica();
            }
        }, localSlots, slotLoad), system, pubsub, new Control(expirySweeper, upstream),
                ClusterFunctions.start(system, dashboard, settings.topologyRefresh()), replication);
        try {
            adminBinding = AdminServer.start(
                    new AdminContext(system, dashboard, new SlotAssigner(system, slots, dashboard), slots,
                            settings.adminToken(), selfNode,
                            () -> new NodeFigures(gateway.stats().commandsProcessed(), gateway.clients().size(),
                                    slotLoad.snapshot()),
                            new FootprintReader(store, settings.dataDir())::read, replication, followers),
                    settings.adminBind(), adminPort, metrics()).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw ListenProblems.of("pikko.admin.port", "pikko.admin.bind", settings.adminBind(), adminPort, e.getCause());
        }
    }

    /** A node restarted on another port is still the node its data directory belonged to. */
    private void followRename(ActorRef<Dashboard.Command> dashboard) {
        OneLineFile names = new OneLineFile(settings.dataDir(), "node-name");
        names.read().filter(previous -> !previous.equals(selfNode)).ifPresent(previous -> {
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
        names.write(Optional.of(selfNode));
    }

    private void createJournalSchema(JournalSettings journal) {
        try {
            DashboardJournal.createSchema(journal);
        } catch (SQLException e) {
            String where = settings.journalUrl().isEmpty()
                    ? "cannot open the embedded journal in " + settings.dataDir() + " (pikko.data-dir)"
                    : "cannot reach the journal at " + settings.journalUrl() + " (pikko.journal.url)";
            throw new CannotStart(where + ": " + e.getMessage().lines().findFirst().orElse(""), e);
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
                throw new CannotStart("no slot map from the dashboard within " + TOPOLOGY_WAIT.toSeconds()
                        + " s: are the seeds " + settings.seeds() + " (pikko.cluster.seeds) up, and is the journal reachable?");
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
            dataDirLock.close();
            return CompletableFuture.completedFuture(Done.getInstance());
        });
    }

    public int port() {
        return gateway.port();
    }

    /** The TLS RESP port, when pikko.tls-port is set. */
    public OptionalInt tlsPort() {
        return gateway.tlsPort();
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
                g -> g.stats().rejectedConnections(), g -> g.stats().protocolErrors());
        metrics.bindSlotLoad(slotLoad::commands);
        metrics.bindStore(store);
        metrics.bindReplication(replication);
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
        dataDirLock.close();
    }

    /** The password a replica sends its master (CONFIG SET masterauth), or empty. */
    private String masterAuth() {
        String auth = gateway.config().value("masterauth");
        return auth == null ? "" : auth;
    }

    private final class Control implements ServerControl {
        private final ActorRef<Object> expirySweeper;
        private final ActorRef<UpstreamLink.Command> upstream;

        Control(ActorRef<Object> expirySweeper, ActorRef<UpstreamLink.Command> upstream) {
            this.expirySweeper = expirySweeper;
            this.upstream = upstream;
        }

        @Override
        public CompletionStage<Optional<String>> replicaOf(Optional<String> master) {
            if (!settings.seeds().isEmpty() || Cluster.get(system).state().members().size() > 1) {
                return CompletableFuture.completedFuture(Optional.of("ERR this node is in a Pikko cluster, whose groups"
                        + " say which nodes replicate which (PUT /api/groups/{id}); REPLICAOF is for standalone nodes"));
            }
            if (master.filter(selfNode::equals).isPresent()) {
                return CompletableFuture.completedFuture(Optional.of("ERR a node cannot replicate itself"));
            }
            return AskPattern.<UpstreamLink.Command, Done>ask(upstream, replyTo -> new UpstreamLink.ReplicaOf(master, replyTo),
                    Duration.ofSeconds(30), system.scheduler()).thenApply(done -> Optional.empty());
        }

        @Override
        public void setActiveExpire(boolean active) {
            expirySweeper.tell(new ExpirySweeper.SetActive(active));
        }

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
