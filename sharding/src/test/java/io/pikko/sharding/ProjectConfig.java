package io.pikko.sharding;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The node's real defaults, conf/application.conf, as a test's actor system runs them: on a free
 * cluster port, and logging through Pekko's own logger since this module has no SLF4J backend.
 */
final class ProjectConfig {
    private ProjectConfig() {}

    static Config load() {
        Path file = Path.of("..", "conf", "application.conf");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("tests run from a module directory next to conf/: " + file.toAbsolutePath());
        }
        return ConfigFactory.parseString("""
                        pikko.cluster.port = 0
                        pekko.loggers = ["org.apache.pekko.event.Logging$DefaultLogger"]
                        pekko.logging-filter = "org.apache.pekko.event.DefaultLoggingFilter"
                        pekko.loglevel = WARNING
                        """)
                .withFallback(ConfigFactory.parseFile(file.toFile()))
                .withFallback(ConfigFactory.defaultReference())
                .resolve();
    }
}
