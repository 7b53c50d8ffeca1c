package io.pikko.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every expected string below is what redis-server 7.0.15 printed for the same input. */
class RespDoublesTest {

    @Test
    void formatMatchesZscore() {
        // ZADD z <input> a, then ZSCORE z a (a skiplist-encoded set for -0).
        String[][] cases = {
                {"0.1", "0.10000000000000001"},
                {"1e20", "1e+20"},
                {"1.5e-5", "1.5e-05"},
                {"3.14159", "3.1415899999999999"},
                {"0", "0"},
                {"-0", "-0"},
                {"1", "1"},
                {"-1.5", "-1.5"},
                {"123456789.123456789", "123456789.12345679"},
                {"1e-4", "0.0001"},
                {"1.0e-5", "1.0000000000000001e-05"},
                {"9.999999999999999e16", "99999999999999984"},
                {"1e17", "1e+17"},
                {"1e16", "10000000000000000"},
                {"12345678901234567", "12345678901234568"},
                {"0.30000000000000004", "0.30000000000000004"},
                {"2.5", "2.5"},
                {"1.7976931348623157e308", "1.7976931348623157e+308"},
                {"4.9e-324", "4.9406564584124654e-324"},
                {"2.2250738585072014e-308", "2.2250738585072014e-308"},
                {"1e21", "1e+21"},
                {"-3.0e-7", "-2.9999999999999999e-07"},
                {"100", "100"},
                {"0.2", "0.20000000000000001"},
                {"1e15", "1000000000000000"},
                {"123.456", "123.456"},
                {"6.02214076e23", "6.0221407599999999e+23"},
                {"1e-10", "1e-10"},
                {"0.000123", "0.00012300000000000001"},
                {"1.1", "1.1000000000000001"},
                {"99999999999999999", "1e+17"},
                // Exact ties at the 17th digit round to even, as glibc does.
                {"2.98023223876953125e-8", "2.9802322387695312e-08"},
                {"1.490116119384765625e-8", "1.4901161193847656e-08"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], RespDoubles.format(Double.parseDouble(c[0])), c[0]);
        }
        assertEquals("inf", RespDoubles.format(Double.POSITIVE_INFINITY));
        assertEquals("-inf", RespDoubles.format(Double.NEGATIVE_INFINITY));
        assertEquals("nan", RespDoubles.format(Double.NaN));
    }
}
