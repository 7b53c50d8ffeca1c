package io.pikko.multijvm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code pikko admin ...} run as the launcher runs it: its own JVM from the built node, against one node's API. */
final class AdminCliProcess {
    record Run(int exit, String output) {}

    private AdminCliProcess() {}

    static Run run(ClusterNode node, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(NodeDistribution.java(), "-cp", NodeDistribution.built().classpath(),
                "io.pikko.admin.AdminCli", "--url", "http://127.0.0.1:" + node.adminPort()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the CLI did not return: " + output);
        return new Run(process.exitValue(), output);
    }
}
