package io.pikko.node;

import io.pikko.actors.SlotEntity;
import io.pikko.admin.AdminServer;
import io.pikko.admin.Metric;
import io.pikko.gateway.GatewayServer;
import io.pikko.gateway.GatewaySettings;
import io.pikko.gateway.RuntimeConfig;
import io.pikko.gateway.ServerControl;
import io.pikko.gateway.SlotRouter;
import io.pikko.sharding.ExpirySweeper;
import io.pikko.sharding.GarbageCollector;
import io.pikko.sharding.SlotSharding;
import io.pikko.storage.FsyncPolicy;
import io.pikko.storage.PikkoStore;
import io.pikko.storage.StoreOptions;
import io.pikko.actors.SlotOp;
import io.pikko.actors.SlotReply;
import io.pikko.storage.SlotHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
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
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Pikko node assembled: the store, the actor system with its slot shards, the expiry sweeper
 * and the RESP gateway. {@link #close()} or SIGTERM stops them in the reverse order.
 */
public final class PikkoNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PikkoNode.class);

    private final NodeSettings settings;
    private final PikkoStore store;
    private final ActorSystem<Void> system;
    private final GatewayServer gateway;
    private ServerBinding adminBinding;

    private PikkoNode(NodeSettings settings) throws InterruptedException {
        this.settings = settings;
        this.store = PikkoStore.open(new StoreOptions(settings.dataDir().resolve("db"), settings.fsync(),
                settings.blockCacheBytes(), settings.writeBufferBytes()));
        try {
            this.system = ActorSystem.create(Behaviors.empty(), "pikko", settings.config());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        ActorRef<ShardingEnvelope<SlotEntity.Command>> slots = SlotSharding.init(system, store, settings.databases());
        ActorRef<Object> expirySweeper = system.systemActorOf(
                ExpirySweeper.create(store, slots, settings.sweepInterval(), settings.maxPerSweep()),
                "expiry-sweeper", DispatcherSelector.fromConfig(SlotSharding.STORAGE_DISPATCHER));
        ActorRef<Object> garbageCollector = system.systemActorOf(
                GarbageCollector.create(slots, settings.garbageInterval(), settings.garbageSlotsPerTick(),
                        settings.garbageStepRecords()),
                "garbage-collector", Props.empty());
        this.gateway = new GatewayServer(
                new GatewaySettings(settings.bind(), settings.port(), settings.databases(), settings.requestTimeout(),
                        settings.ioThreads(), settings.configFile()),
                new RuntimeConfig(settings.requirePass(), settings.protoMaxBulkLen(), settings.maxClients()),
                new SlotRouter(slots), system, new Control());
        registerShutdown(expirySweeper, garbageCollector);
        awaitSlots(slots);
        try {
            gateway.start();
            adminBinding = AdminServer.start(system, settings.bind(), settings.adminPort(), this::metrics)
                    .toCompletableFuture().join();
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        LOG.info("Pikko node ready: RESP on {}:{}, cluster on {}:{}, data in {}, fsync {}",
                settings.bind(), gateway.port(), settings.clusterHost(), settings.clusterPort(),
                settings.dataDir().toAbsolutePath(), settings.fsync().configName());
    }

    /**
     * Starts every slot entity, each counting its keys, before clients are let in, so the first
     * requests do not wait on 1024 entities starting at once.
     */
    private void awaitSlots(ActorRef<ShardingEnvelope<SlotEntity.Command>> slots) {
        Duration timeout = Duration.ofSeconds(120);
        List<CompletableFuture<SlotReply>> started = new ArrayList<>();
        for (int slot = 0; slot < SlotHash.SLOTS; slot++) {
            int s = slot;
            started.add(AskPattern.<ShardingEnvelope<SlotEntity.Command>, SlotReply>ask(slots,
                    replyTo -> SlotSharding.envelope(s, new SlotEntity.Request(new SlotOp.CountKeys(0), s, replyTo)),
                    timeout, system.scheduler()).toCompletableFuture());
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

    private List<Metric> metrics() {
        return List.of(
                Metric.counter("pikko_commands_processed_total", "Commands this node's gateway has answered.",
                        gateway.stats().commandsProcessed()),
                Metric.counter("pikko_connections_received_total", "Client connections accepted.",
                        gateway.stats().connectionsReceived()),
                Metric.gauge("pikko_connected_clients", "Client connections open now.", gateway.clients().size()),
                Metric.gauge("pikko_store_bytes", "Bytes of the RocksDB store (SST files and memtables).",
                        store.approximateSizeBytes()));
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
        // If shutdown ran before the tasks could (an early failure), the store still needs closing.
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
