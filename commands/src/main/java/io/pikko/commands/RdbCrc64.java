package io.pikko.commands;

/**
 * The CRC-64 that ends a DUMP payload: Redis's crc64, the Jones polynomial (0xad93d23594c935a9)
 * bit-reflected, initial value 0, no final xor ({@code "123456789"} gives 0xe9c6d914c4b8d9ca).
 */
final class RdbCrc64 {
    private static final long[] TABLE = new long[256];

    static {
        long reflected = Long.reverse(0xad93d23594c935a9L);
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ reflected : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private RdbCrc64() {}

    static long of(byte[] data, int offset, int length) {
        long crc = 0;
        for (int i = offset; i < offset + length; i++) {
            crc = TABLE[(int) ((crc ^ data[i]) & 0xff)] ^ (crc >>> 8);
        }
        return crc;
    }
}
