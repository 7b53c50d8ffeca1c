package io.pikko.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The dashboard's p99: the bucket bound under which 99% of the commands between two readings fell. */
class LatencyWindowTest {
    @Test
    void theP99OfTheCommandsBetweenTwoReadings() {
        LatencyWindow window = new LatencyWindow();
        for (int i = 0; i < 1000; i++) {
            window.record(5_000_000);
        }
        long[] before = window.counts();
        assertNull(LatencyWindow.quantileSeconds(before, window.counts(), 0.99), "nothing counted in between");

        for (int i = 0; i < 990; i++) {
            window.record(100);
        }
        for (int i = 0; i < 10; i++) {
            window.record(50_000);
        }
        double p99 = LatencyWindow.quantileSeconds(before, window.counts(), 0.99);
        // 100 µs falls in a bucket at most 19% wider; the slow tenth of a percent and the earlier seconds do not count.
        assertTrue(p99 >= 100e-6 && p99 <= 100e-6 * 1.19, "p99 " + p99);
        double p999 = LatencyWindow.quantileSeconds(before, window.counts(), 0.999);
        assertTrue(p999 >= 50_000e-6 && p999 <= 50_000e-6 * 1.19, "p99.9 " + p999);
    }

    @Test
    void theSlowestBucketTakesWhatIsBeyondIt() {
        LatencyWindow window = new LatencyWindow();
        long[] before = window.counts();
        window.record(Long.MAX_VALUE / 2);
        window.record(0);
        assertEquals(1e-6, LatencyWindow.quantileSeconds(before, window.counts(), 0.5));
        assertTrue(LatencyWindow.quantileSeconds(before, window.counts(), 1.0) > 30, "the last bucket, about 33 s");
    }
}
