package io.pikko.sharding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.pikko.protocol.Reply;
import io.pikko.actors.SlotEntity;
import io.pikko.protocol.SlotOp;
import io.pikko.protocol.SlotReply;
import io.pikko.actors.migration.MigrationLimits;
import io.pikko.actors.replication.BinlogPage;
import io.pikko.actors.replication.ReplicationAgent;
import io.pikko.actors.replication.SnapshotPage;
import io.pikko.actors.migration.MigrationReceiver;
import io.pikko.actors.migration.MigrationReport;
import io.pikko.storage.BinlogPosition;
import io.pikko.storage.BinlogRecord;
import io.pikko.storage.DueExpiration;
import io.pikko.storage.ExportChunk;
import io.pikko.storage.KeyType;
import io.pikko.testing.ProjectConfig;
import java.io.Serializable;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.serialization.jackson.JacksonCborSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every message a gateway may send a slot entity on another node, and every answer, goes through
 * Pekko serialization with the node's real configuration: written on one actor system, read on
 * another, by Jackson CBOR, and comes back with the same content (bytes included).
 */
class SlotProtocolSerializationTest {
    /** Every byte value once, so that no encoding step may treat the key or value as text. */
    private static final byte[] ALL_BYTES = allBytes();

    private static ActorSystem<Void> sender;
    private static ActorSystem<Void> receiver;
    private static ActorRef<SlotReply> replyTo;

    /** Messages that carry a callback on this node, sent only to an entity of this node. */
    private static final Set<Class<?>> NODE_LOCAL = Set.of(SlotEntity.LocalRequests.class, SlotEntity.Retire.class);

    @BeforeAll
    static void start() {
        sender = ActorSystem.create(Behaviors.empty(), "pikko", ProjectConfig.load());
        receiver = ActorSystem.create(Behaviors.empty(), "pikko", ProjectConfig.load());
        replyTo = sender.systemActorOf(Behaviors.<SlotReply>ignore(), "connection-1", Props.empty());
    }

    @AfterAll
    static void stop() {
        sender.terminate();
        receiver.terminate();
    }

    @Test
    void javaSerializationIsOff() {
        assertFalse(sender.settings().config().getBoolean("pekko.actor.allow-java-serialization"));
        record JavaOnly(int value) implements Serializable {}
        assertTrue(SerializationExtension.get(sender.classicSystem()).serialize(new JavaOnly(1)).isFailure(),
                "a message bound to no serializer but Java's must not be sent");
    }

    @Test
    void everySlotOpCrossesNodes() {
        List<SlotOp> ops = slotOps();
        assertCoversSubtypes(SlotOp.class, ops);
        for (SlotOp op : ops) {
            assertRoundTrip(new SlotEntity.Request(op, Long.MAX_VALUE, replyTo));
        }
    }

    @Test
    void everySlotEntityCommandCrossesNodes() {
        List<SlotEntity.Command> commands = new ArrayList<>();
        commands.add(new SlotEntity.Request(new SlotOp.RunCommand(0, "get", List.of(ALL_BYTES)), 1, replyTo));
        commands.add(new SlotEntity.Requests(List.of(
                new SlotEntity.Request(new SlotOp.RunCommand(3, "set", List.of(ALL_BYTES, new byte[0])), 2, replyTo),
                new SlotEntity.Request(new SlotOp.RunCommand(3, "incr", List.of(ALL_BYTES)), 3, replyTo, true, 2))));
        commands.add(new SlotEntity.ExpireDue(List.of(
                new DueExpiration(1_700_000_000_000L, 0, 17, ALL_BYTES),
                new DueExpiration(Long.MAX_VALUE, 15, 1023, new byte[0]))));
        commands.add(new SlotEntity.SweepGarbage(10_000));
        commands.add(new SlotEntity.CancelBlocked(replyTo, 42));
        commands.add(new SlotEntity.UnblockClient(replyTo, 43, true));
        commands.add(new SlotEntity.Unwatch(-5));
        commands.add(new SlotEntity.Seal(5_000, sender.systemActorOf(Behaviors.<SlotEntity.SealReply>ignore(), "assigner", Props.empty())));
        commands.add(new SlotEntity.Unseal());
        commands.add(new SlotEntity.Locate(sender.systemActorOf(Behaviors.<SlotEntity.Location>ignore(), "locator", Props.empty())));
        ActorRef<MigrationReport> reports = sender.systemActorOf(Behaviors.<MigrationReport>ignore(), "dashboard", Props.empty());
        commands.add(new SlotEntity.MigrateOut(Long.MAX_VALUE, "10.0.0.2:9222", MigrationLimits.defaults().withRates(1000, 1 << 20), reports));
        commands.add(new SlotEntity.CommitMigration(7));
        commands.add(new SlotEntity.AbortMigration(-7));
        commands.add(new SlotEntity.UpdateMigrationLimits(7, new MigrationLimits(1, 1024, 2, 0, 0)));
        commands.add(new SlotEntity.ReadBinlog("10.0.0.3:9221", new BinlogPosition(Long.MAX_VALUE, 3), 256, 1 << 20,
                sender.systemActorOf(Behaviors.<BinlogPage>ignore(), "follower", Props.empty())));
        commands.add(new SlotEntity.ReadSnapshot("10.0.0.3:9221", -1, 4 << 20,
                sender.systemActorOf(Behaviors.<SnapshotPage>ignore(), "full-sync", Props.empty())));
        assertCoversSubtypes(SlotEntity.Command.class, commands);
        commands.forEach(this::assertRoundTrip);
    }

    @Test
    void everyReplyCrossesNodes() {
        List<Reply> replies = replies();
        assertCoversSubtypes(Reply.class, replies);
        for (Reply reply : replies) {
            assertRoundTrip(new SlotReply(-1, reply));
        }
    }

    @Test
    void migrationReportsCrossNodes() {
        List<MigrationReport> reports = List.of(
                new MigrationReport.Prepared(0, 1),
                new MigrationReport.Progress(1023, 2, 100_000, 5, 1L << 40, 12_345.5),
                new MigrationReport.ReadyToCommit(3, 3, 7, 8),
                new MigrationReport.Failed(4, 4, "target 10.0.0.2:9222 is gone"));
        assertCoversSubtypes(MigrationReport.class, reports);
        reports.forEach(this::assertRoundTrip);
    }

    @Test
    void migrationBatchesCrossNodesWithEveryChunkExact() {
        ActorRef<MigrationReceiver.Ack> acks = sender.systemActorOf(Behaviors.<MigrationReceiver.Ack>ignore(), "acks", Props.empty());
        List<ExportChunk> chunks = List.of(
                new ExportChunk(0, ALL_BYTES, KeyType.STRING, 0, true, true, false, List.of(reversed(ALL_BYTES))),
                new ExportChunk(15, new byte[] {1}, KeyType.HASH, Long.MAX_VALUE, true, false, false,
                        List.of(ALL_BYTES, new byte[0])),
                ExportChunk.deletion(3, ALL_BYTES));
        List<MigrationReceiver.Command> commands = List.of(
                new MigrationReceiver.Begin(5, 9, acks),
                new MigrationReceiver.Batch(5, 9, 1, chunks, acks),
                new MigrationReceiver.Discard(5, 9),
                new MigrationReceiver.Clear(List.of(0, 1023), acks));
        assertCoversSubtypes(MigrationReceiver.Command.class, commands);
        MigrationReceiver.Batch back = (MigrationReceiver.Batch) assertRoundTrip(commands.get(1));
        for (int i = 0; i < chunks.size(); i++) {
            assertArrayEquals(chunks.get(i).key(), back.chunks().get(i).key());
            assertEquals(chunks.get(i).type(), back.chunks().get(i).type());
            assertEquals(chunks.get(i).deleted(), back.chunks().get(i).deleted());
            for (int e = 0; e < chunks.get(i).elements().size(); e++) {
                assertArrayEquals(chunks.get(i).elements().get(e), back.chunks().get(i).elements().get(e));
            }
        }
        assertRoundTrip(new MigrationReceiver.Ack(9, 1, false, "no such session"));
    }

    @Test
    void replicationPagesAndProbesCrossNodesWithEveryByteExact() {
        BinlogPage page = (BinlogPage) assertRoundTrip(new BinlogPage(1023, List.of(
                new BinlogRecord(1, 0, 1_700_000_000_000L, ALL_BYTES),
                new BinlogRecord(Long.MAX_VALUE, 7, 0, new byte[0])), Long.MAX_VALUE, 7, false));
        assertArrayEquals(ALL_BYTES, page.records().get(0).ops());
        assertRoundTrip(BinlogPage.fullSyncNeeded(0, 12, 1));
        SnapshotPage snapshot = (SnapshotPage) assertRoundTrip(
                new SnapshotPage(5, 42, new BinlogPosition(99, 2), reversed(ALL_BYTES), true));
        assertArrayEquals(reversed(ALL_BYTES), snapshot.records());
        ActorRef<ReplicationAgent.Probed> probes = sender.systemActorOf(Behaviors.<ReplicationAgent.Probed>ignore(), "sentinel", Props.empty());
        assertRoundTrip(new ReplicationAgent.Probe(1_764_000_000_000L, 1_000, probes));
        assertRoundTrip(new ReplicationAgent.Probed("10.0.0.2:9221", Map.of(0, 17L, 1023, Long.MAX_VALUE), Map.of()));
    }

    @Test
    void sealRepliesCrossNodes() {
        assertRoundTrip(new SlotEntity.SealReply(1023, true, 0));
        assertRoundTrip(new SlotEntity.SealReply(0, false, Long.MAX_VALUE));
        assertRoundTrip(new SlotEntity.Location(512, "pekko://pikko@127.0.0.1:25521"));
    }

    @Test
    void aReplyCarriesOnlyItsTypeAndComponents() throws Exception {
        byte[] bytes = SerializationExtension.get(sender.classicSystem()).serialize(new SlotReply(3, new Reply.Error("ERR no"))).get();
        JsonNode tree = new ObjectMapper(new CBORFactory()).readTree(bytes);
        assertEquals(Set.of("requestId", "reply"), fieldNames(tree));
        assertEquals(Set.of("@type", "text"), fieldNames(tree.get("reply")));
    }

    @Test
    void bytesSurviveExactly() {
        SlotOp.RunCommand run = new SlotOp.RunCommand(0, "mset", List.of(ALL_BYTES, new byte[0], reversed(ALL_BYTES), new byte[1 << 20]));
        SlotEntity.Request back = (SlotEntity.Request) assertRoundTrip(new SlotEntity.Request(run, 7, replyTo));
        List<byte[]> args = ((SlotOp.RunCommand) back.op()).args();
        assertEquals(4, args.size());
        assertTrue(Arrays.equals(ALL_BYTES, args.get(0)));
        assertEquals(0, args.get(1).length);
        assertTrue(Arrays.equals(reversed(ALL_BYTES), args.get(2)));
        assertEquals(1 << 20, args.get(3).length);
    }

    @Test
    void theReplyToOfARequestLeadsBackToTheSendingNode() throws Exception {
        CompletableFuture<SlotReply> arrived = new CompletableFuture<>();
        ActorRef<SlotReply> connection = sender.systemActorOf(Behaviors.<SlotReply>receiveMessage(reply -> {
            arrived.complete(reply);
            return Behaviors.same();
        }), "connection-2", Props.empty());
        SlotEntity.Request back = (SlotEntity.Request) assertRoundTrip(new SlotEntity.Request(new SlotOp.RandomKey(0), 9, connection));
        assertEquals(sender.address(), back.replyTo().path().address());
        back.replyTo().tell(new SlotReply(back.requestId(), new Reply.Bulk(ALL_BYTES)));
        SlotReply reply = arrived.get(10, TimeUnit.SECONDS);
        assertEquals(9, reply.requestId());
        assertTrue(Arrays.equals(ALL_BYTES, ((Reply.Bulk) reply.reply()).value()));
    }

    @Test
    void theShardingEnvelopeCarriesARequestAsCbor() {
        var envelope = SlotEntity.envelope(512, new SlotEntity.Request(new SlotOp.RunCommand(3, "set", List.of(ALL_BYTES, ALL_BYTES)), 5, replyTo));
        Serialization serialization = SerializationExtension.get(sender.classicSystem());
        Serializer serializer = serialization.findSerializerFor(envelope);
        byte[] bytes = serialization.serialize(envelope).get();
        Object back = SerializationExtension.get(receiver.classicSystem())
                .deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, envelope)).get();
        ShardingEnvelope<?> read = assertInstanceOf(ShardingEnvelope.class, back);
        assertEquals("512", read.entityId());
        assertTrue(SameContent.test(envelope.message(), read.message()), () -> "read back " + read.message());
    }

    /** Writes on the sender, reads on the receiver; asserts Jackson CBOR did it and nothing changed. */
    private Object assertRoundTrip(Object message) {
        Serialization serialization = SerializationExtension.get(sender.classicSystem());
        Serializer serializer = serialization.findSerializerFor(message);
        assertInstanceOf(JacksonCborSerializer.class, serializer, () -> message.getClass().getName() + " is not sent as CBOR");
        byte[] bytes = serialization.serialize(message).get();
        String manifest = Serializers.manifestFor(serializer, message);
        Object back = SerializationExtension.get(receiver.classicSystem()).deserialize(bytes, serializer.identifier(), manifest).get();
        assertTrue(SameContent.test(message, back), () -> "sent " + message + ", read back " + back);
        return back;
    }

    /** The samples hold every subtype that may cross nodes, and the type's JSON names them all. */
    private static void assertCoversSubtypes(Class<?> sealed, List<?> samples) {
        Set<Class<?>> crossing = Arrays.stream(sealed.getPermittedSubclasses())
                .filter(c -> !Modifier.isPrivate(c.getModifiers()) && !NODE_LOCAL.contains(c))
                .collect(Collectors.toSet());
        assertEquals(crossing, samples.stream().map(Object::getClass).collect(Collectors.toSet()),
                sealed.getSimpleName() + ": a sample of each subtype");
        Set<Class<?>> named = Arrays.stream(sealed.getAnnotation(JsonSubTypes.class).value())
                .map(JsonSubTypes.Type::value)
                .collect(Collectors.toSet());
        assertEquals(crossing, named, sealed.getSimpleName() + ": @JsonSubTypes names every subtype that crosses nodes");
    }

    private static List<SlotOp> slotOps() {
        return List.of(
                new SlotOp.RunCommand(0, "set", List.of("key".getBytes(), ALL_BYTES)),
                new SlotOp.RunCommand(15, "ping", List.of()),
                new SlotOp.CountKeys(-1),
                new SlotOp.CountKeys(3),
                new SlotOp.ListKeys(0, "user:*".getBytes()),
                new SlotOp.ListKeys(0, ALL_BYTES),
                new SlotOp.ScanKeys(1, 123_456_789_012L, 100, "a?c".getBytes(), "hash"),
                new SlotOp.ScanKeys(0, 0, 10, null, null),
                new SlotOp.RandomKey(2),
                new SlotOp.FlushKeys(-1),
                new SlotOp.DigestKeys(),
                new SlotOp.AwaitReplicas(2, 1500),
                new SlotOp.Watch(4, List.of(ALL_BYTES, "b".getBytes()), Long.MIN_VALUE, true),
                new SlotOp.Transaction(List.of(new SlotOp.RunCommand(0, "incr", List.of("incr".getBytes(), ALL_BYTES)),
                        new SlotOp.RunCommand(7, "get", List.of("get".getBytes(), ALL_BYTES))), 99),
                new SlotOp.RunScript(1, "return redis.call('get', KEYS[1])".getBytes(), "", List.of(ALL_BYTES),
                        List.of(new byte[0]), true, 3, 5_000),
                new SlotOp.RunScript(0, "#!lua name=lib\nredis.register_function('f', function() return 1 end)".getBytes(),
                        "f", List.of(), List.of(ALL_BYTES), false, 2, 0),
                new SlotOp.KillScript(false),
                new SlotOp.KillScript(true),
                new SlotOp.CodisLock(2, List.of(ALL_BYTES, new byte[0]), Long.MIN_VALUE, 30_000),
                new SlotOp.CodisUnlock(15, List.of(ALL_BYTES), -1, true),
                new SlotOp.CodisWrapped(0, ALL_BYTES, new SlotOp.RunCommand(0, "set", List.of("set".getBytes(), ALL_BYTES, ALL_BYTES))));
    }

    private static List<Reply> replies() {
        return List.of(
                Reply.OK,
                new Reply.Error("WRONGTYPE Operation against a key holding the wrong kind of value"),
                new Reply.Int(Long.MIN_VALUE),
                Reply.ONE,
                new Reply.Bulk(ALL_BYTES),
                new Reply.Bulk(new byte[0]),
                Reply.NIL,
                Reply.NIL_ARRAY,
                new Reply.Array(List.of(Reply.ZERO, new Reply.Bulk(ALL_BYTES), Reply.NIL, new Reply.Array(List.of(Reply.EMPTY_ARRAY)))),
                new Reply.MapReply(List.of(new Reply.Bulk("field".getBytes()), new Reply.Int(3))),
                new Reply.Pairs(List.of(new Reply.Bulk("member".getBytes()), new Reply.DoubleReply(1.5))),
                new Reply.SetReply(List.of(new Reply.Bulk(ALL_BYTES))),
                new Reply.DoubleReply(Double.POSITIVE_INFINITY),
                new Reply.DoubleReply(Double.NEGATIVE_INFINITY),
                new Reply.DoubleReply(Double.NaN),
                new Reply.DoubleReply(-0.0),
                new Reply.DoubleReply(0.1 + 0.2),
                new Reply.DoubleText("13.361389338970184"),
                new Reply.Bool(true),
                new Reply.Bool(false),
                new Reply.Verbatim("txt", "# Server\r\nredis_version:7.2.0\r\n"),
                new Reply.Push(List.of(new Reply.Bulk("message".getBytes()), new Reply.Bulk(ALL_BYTES))));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static byte[] allBytes() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    private static byte[] reversed(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }
}
