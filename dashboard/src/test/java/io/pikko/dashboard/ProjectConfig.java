package io.pikko.dashboard;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** The node's real defaults, conf/application.conf, for a test's actor system on a free cluster port. */
final class ProjectConfig {
    private ProjectConfig() {}

    static Config load() {
        Path file = Path.of("..", "conf", "application.conf");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("tests run from a module directory next to conf/: " + file.toAbsolutePath());
        }
        return ConfigFactory.parseString("pikko.cluster.port = 0")
                .withFallback(ConfigFactory.parseFile(file.toFile()))
                .withFallback(ConfigFactory.defaultReference())
                .resolve();
    }
}
