package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A node reachable beyond loopback without a password or an admin token is warned about, as Redis's protected mode does. */
class ExposureWarningsTest {
    private static List<String> warnings(Map<String, String> settings) throws NodeSettings.InvalidSettings {
        return ExposureWarnings.of(NodeSettings.load(Map.of(), ConfigFactory.parseMap(settings)));
    }

    @Test
    void theDefaultsListenOnLoopbackOnly() throws Exception {
        assertEquals(List.of(), warnings(Map.of()));
        assertEquals(List.of(), warnings(Map.of("pikko.bind", "localhost", "pikko.admin.bind", "::1")));
    }

    @Test
    void respBeyondLoopbackWithoutAPasswordIsWarnedAbout() throws Exception {
        List<String> warnings = warnings(Map.of("pikko.bind", "0.0.0.0"));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("RESP listens on 0.0.0.0 (pikko.bind) without a password (pikko.requirepass)"),
                warnings.get(0));
        assertEquals(List.of(), warnings(Map.of("pikko.bind", "0.0.0.0", "pikko.requirepass", "s3cret")));
    }

    @Test
    void theAdminApiBeyondLoopbackWithoutATokenIsWarnedAbout() throws Exception {
        List<String> warnings = warnings(Map.of("pikko.admin.bind", "0.0.0.0", "pikko.requirepass", "s3cret"));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("the admin API listens on 0.0.0.0 (pikko.admin.bind) without a token"
                + " (pikko.admin.token)"), warnings.get(0));
        assertEquals(List.of(), warnings(Map.of("pikko.admin.bind", "0.0.0.0", "pikko.admin.token", "t0ken")));
    }

    @Test
    void bothAreWarnedAboutTogether() throws Exception {
        assertEquals(2, warnings(Map.of("pikko.bind", "0.0.0.0", "pikko.admin.bind", "0.0.0.0")).size());
    }
}
