package io.pikko.multijvm;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The built node: node/target/pikko-node.jar and its dependencies in node/target/lib, as
 * {@code mvn package} leaves them. Node JVMs and the H2 server are started from these files, as an
 * operator would start them.
 */
record NodeDistribution(Path jar, Path lib) {

    /** Where the build put the node: the surefire property {@code pikko.node.target}, else ../node/target. */
    static NodeDistribution built() {
        Path target = Path.of(System.getProperty("pikko.node.target", "../node/target")).toAbsolutePath().normalize();
        NodeDistribution distribution = new NodeDistribution(target.resolve("pikko-node.jar"), target.resolve("lib"));
        if (!Files.isRegularFile(distribution.jar()) || !Files.isDirectory(distribution.lib())) {
            throw new IllegalStateException("no built node in " + target
                    + "; build it first: mvn package -pl node -am -DskipTests (mvn install does it)");
        }
        return distribution;
    }

    String classpath() {
        return jar + File.pathSeparator + lib.resolve("*");
    }

    /** The H2 jar the nodes use, so the journal server speaks exactly their client's version. */
    Path h2Jar() {
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(f -> f.getFileName().toString().matches("h2-[0-9.]+\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no h2-*.jar in " + lib));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
