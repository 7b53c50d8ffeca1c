package io.pikko.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The node's real defaults, conf/application.conf, as a test's actor system runs them: on a free
 * cluster port, and logging through SLF4J where the module's tests have a backend for it, through
 * Pekko's own logger (warnings only) where they have none.
 */
public final class ProjectConfig {
    private static final String SLF4J_LOGGER = "org.apache.pekko.event.slf4j.Slf4jLogger";

    private ProjectConfig() {}

    public static Config load() {
        Path file = Path.of("..", "conf", "application.conf");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("tests run from a module directory next to conf/: " + file.toAbsolutePath());
        }
        String overrides = "pikko.cluster.port = 0\n" + (slf4jPresent() ? "" : """
                pekko.loggers = ["org.apache.pekko.event.Logging$DefaultLogger"]
                pekko.logging-filter = "org.apache.pekko.event.DefaultLoggingFilter"
                pekko.loglevel = WARNING
                """);
        return ConfigFactory.parseString(overrides)
                .withFallback(ConfigFactory.parseFile(file.toFile()))
                .withFallback(ConfigFactory.defaultReference())
                .resolve();
    }

    private static boolean slf4jPresent() {
        try {
            Class.forName(SLF4J_LOGGER, false, ProjectConfig.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
