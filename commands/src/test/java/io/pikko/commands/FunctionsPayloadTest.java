package io.pikko.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FUNCTION DUMP's payload: written as Redis 7.0 writes it, read back, and Redis's refusals. */
class FunctionsPayloadTest {
    private static final byte[] CODE = "#!lua name=lib\nredis.register_function('f', function() return 1 end)".getBytes(StandardCharsets.UTF_8);

    @Test
    void librariesRoundTrip() {
        byte[] payload = FunctionsPayload.encode(List.of(CODE, "#!lua name=b\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(245, payload[0] & 0xff);
        FunctionsPayload.Decoded back = FunctionsPayload.decode(payload);
        assertNull(back.error());
        assertEquals(2, back.codes().size());
        assertArrayEquals(CODE, back.codes().get(0));
        assertEquals(0, FunctionsPayload.decode(FunctionsPayload.encode(List.of())).codes().size());
    }

    @Test
    void theReleaseCandidatesFormatGetsItsShebangLine() {
        RdbWriter out = new RdbWriter();
        out.type(246).string("lib".getBytes()).string("LUA".getBytes()).length(1).string("a description".getBytes())
                .string("redis.register_function('f', function() return 1 end)".getBytes());
        FunctionsPayload.Decoded back = FunctionsPayload.decode(out.finish());
        assertNull(back.error());
        assertEquals("#!LUA name=lib\nredis.register_function('f', function() return 1 end)",
                new String(back.codes().get(0), StandardCharsets.UTF_8));
    }

    @Test
    void refusesWhatRedisRefuses() {
        byte[] payload = FunctionsPayload.encode(List.of(CODE));
        payload[3] ^= 1;
        assertEquals("ERR DUMP payload version or checksum are wrong", FunctionsPayload.decode(payload).error());
        assertEquals("ERR DUMP payload version or checksum are wrong", FunctionsPayload.decode(new byte[3]).error());
        RdbWriter notAFunction = new RdbWriter();
        notAFunction.type(0).string("value".getBytes());
        assertEquals("ERR given type is not a function", FunctionsPayload.decode(notAFunction.finish()).error());
        RdbWriter truncated = new RdbWriter();
        truncated.type(245).length(200);
        assertEquals("ERR Failed loading library payload", FunctionsPayload.decode(truncated.finish()).error());
    }
}
