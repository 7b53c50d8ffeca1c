package io.pikko.storage;

import static io.pikko.storage.SlotFixtures.keyIn;
import static io.pikko.storage.TestStores.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hash of a million fields moves in bounded chunks, streamed, and arrives equal. */
class SlotExportBigKeyTest {
    private static final int SLOT = 900;
    private static final long NOW = 1_700_000_000_000L;
    private static final int FIELDS = 1_000_000;
    private static final int MAX_ELEMENTS = 1_000;
    private static final long MAX_BYTES = 64 * 1024;

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;
    private PikkoStore storeA;
    private PikkoStore storeB;
    private SlotKeyspace a;
    private SlotKeyspace b;

    @BeforeEach
    void open() {
        storeA = TestStores.open(dirA);
        storeB = TestStores.open(dirB);
        a = new SlotKeyspace(storeA, SLOT, 16);
        b = new SlotKeyspace(storeB, SLOT, 16);
    }

    @AfterEach
    void close() {
        storeA.close();
        storeB.close();
    }

    private static byte[] field(int i) {
        return b(String.format("field:%07d", i));
    }

    /** Short values and long ones in alternate runs, so the member limit cuts some chunks and the byte limit others. */
    private static byte[] value(int i) {
        return b("v" + i + ((i / 100_000) % 2 == 0 ? "" : "-".repeat(100)));
    }

    @Test
    void aMillionFieldHashMovesInBoundedChunks() {
        byte[] key = keyIn(SLOT, "huge");
        long expireAt = NOW + 86_400_000;
        for (int from = 0; from < FIELDS; from += 100_000) {
            try (SlotBatch batch = a.begin(NOW)) {
                KeyMeta meta = from == 0 ? batch.newCollection(KeyType.HASH, expireAt) : batch.get(0, key);
                for (int i = from; i < from + 100_000; i++) {
                    batch.putMember(0, key, meta, field(i), value(i));
                }
                batch.put(0, key, meta.withSize(from + 100_000));
                batch.commit();
            }
        }

        long started = System.nanoTime();
        int chunks = 0;
        int byMembers = 0;
        long members = 0;
        List<ExportChunk> batch = new ArrayList<>();
        try (SlotExport export = a.exportSlot(NOW, MAX_ELEMENTS, MAX_BYTES)) {
            while (export.hasNext()) {
                ExportChunk chunk = export.next();
                int n = chunk.elements().size() / 2;
                assertEquals(chunks == 0, chunk.first());
                assertEquals(KeyType.HASH, chunk.type());
                assertEquals(expireAt, chunk.expireAtMillis());
                assertTrue(n >= 1 && n <= MAX_ELEMENTS, "members in a chunk: " + n);
                assertTrue(chunk.estimatedBytes() <= MAX_BYTES, "bytes of a chunk: " + chunk.estimatedBytes());
                byMembers += n == MAX_ELEMENTS ? 1 : 0;
                members += n;
                chunks++;
                batch.add(chunk);
                if (batch.size() == 20) {
                    b.importChunks(batch, NOW);
                    batch.clear();
                }
            }
            assertTrue(batch.get(batch.size() - 1).last());
            b.importChunks(batch, NOW);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("1,000,000-field hash: %d chunks (%d full by members), exported and imported in %d ms%n",
                chunks, byMembers, millis);
        assertEquals(FIELDS, members);
        assertTrue(chunks >= FIELDS / MAX_ELEMENTS, "chunks: " + chunks);
        assertTrue(byMembers > 0 && byMembers < chunks, "both limits cut chunks");

        assertEquals(1, b.count(0));
        assertEquals(1, b.expiring(0));
        try (SlotBatch read = b.begin(NOW)) {
            KeyMeta meta = read.get(0, key);
            assertEquals(FIELDS, meta.size());
            assertEquals(expireAt, meta.expireAt());
            Random random = new Random(42);
            for (int s = 0; s < 2_000; s++) {
                int i = s < 2 ? s * (FIELDS - 1) : random.nextInt(FIELDS);
                assertArrayEquals(value(i), read.getMember(0, key, meta, field(i)), "field " + i);
            }
            long records = 0;
            try (MemberCursor cursor = read.members(0, key, meta).seekFirst()) {
                for (; cursor.valid(); cursor.next()) {
                    records++;
                }
            }
            assertEquals(FIELDS, records);
        }
    }
}
