package io.pikko.commands;

import java.util.List;

/**
 * FUNCTION DUMP's payload in Redis 7.0's format, so that one node's dump restores in Redis and
 * Redis's in Pikko: each library as an RDB function record (opcode 245 and its code), then the RDB
 * version and the CRC-64 of what precedes, as a key's DUMP ends.
 */
public final class FunctionsPayload {
    private static final int FOOTER = 10;

    private FunctionsPayload() {}

    /** What FUNCTION RESTORE reads: the libraries' code, or the error text Redis answers with. */
    public record Decoded(List<byte[]> codes, String error) {}

    public static byte[] encode(List<byte[]> codes) {
        RdbWriter out = new RdbWriter();
        for (byte[] code : codes) {
            out.type(RdbReader.OPCODE_FUNCTION2).string(code);
        }
        return out.finish();
    }

    public static Decoded decode(byte[] payload) {
        if (payload.length < FOOTER
                || RdbListpack.littleEndian(payload, payload.length - FOOTER, 2) > RdbWriter.VERSION
                || RdbListpack.littleEndian(payload, payload.length - 8, 8) != RdbCrc64.of(payload, 0, payload.length - 8)) {
            return new Decoded(null, "ERR DUMP payload version or checksum are wrong");
        }
        RdbReader.FunctionCodes read = RdbReader.functionCodes(payload);
        return read.error() != null ? new Decoded(null, "ERR " + read.error()) : new Decoded(read.codes(), null);
    }
}
