package dev.gitblog.systemtests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole system as a user runs it: {@code deploy/local/run.sh REPO} as a child process (a real
 * KRaft broker and the four services as separate JVMs), on ports of its own. The tests share
 * run.sh's code instead of re-implementing the start-up, so the two cannot drift.
 * {@link #close()} stops it the way a user does (SIGINT or SIGTERM) and then checks that no process
 * it started is left.
 */
public final class LocalSystem implements AutoCloseable {

    public static final Path PROJECT_ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    public static final Path SHARED = PROJECT_ROOT.resolveSibling("shared");

    private final Process process;
    private final Path data;
    private final int gatewayPort;
    private final int contentPort;
    private final String hookSecret;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private volatile String readyLine;

    /** Ports: gateway base, base+1..3 the other services, base+10/11 Kafka. */
    private LocalSystem(String repo, Path data, int basePort, String hookSecret, Map<String, String> extraEnv)
            throws IOException {
        this.data = data;
        this.gatewayPort = basePort;
        this.contentPort = basePort + 1;
        this.hookSecret = hookSecret;
        Files.createDirectories(data);
        ProcessBuilder pb = new ProcessBuilder("bash", PROJECT_ROOT.resolve("deploy/local/run.sh").toString(), repo)
                .directory(data.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("BLOG_DATA", data.toString());
        env.put("GATEWAY_PORT", String.valueOf(basePort));
        env.put("CONTENT_PORT", String.valueOf(basePort + 1));
        env.put("RENDER_PORT", String.valueOf(basePort + 2));
        env.put("FEED_PORT", String.valueOf(basePort + 3));
        env.put("KAFKA_PORT", String.valueOf(basePort + 10));
        env.put("KAFKA_CONTROLLER_PORT", String.valueOf(basePort + 11));
        env.put("KAFKA_LIB", PROJECT_ROOT.resolve("system-tests/target/kafka-lib").toString());
        env.put("BLOG_HOOK_SECRET", hookSecret);
        env.put("RUN_QUIET", "1");
        env.putAll(extraEnv);
        this.process = pb.start();
        Thread reader = new Thread(this::readOutput, "run.sh-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts run.sh on {@code repo} and waits for its ready line (fails with run.sh's output if it exits). */
    public static LocalSystem start(String repo, Path data, int basePort, String hookSecret, Duration timeout)
            throws IOException, InterruptedException {
        return start(repo, data, basePort, hookSecret, timeout, Map.of());
    }

    /** The same, with more environment variables for run.sh and so for every service it starts. */
    public static LocalSystem start(String repo, Path data, int basePort, String hookSecret, Duration timeout,
                                    Map<String, String> extraEnv) throws IOException, InterruptedException {
        LocalSystem system = new LocalSystem(repo, data, basePort, hookSecret, extraEnv);
        Instant deadline = Instant.now().plus(timeout);
        while (system.readyLine == null) {
            if (!system.process.isAlive()) {
                String out = String.join("\n", system.output);
                throw new IllegalStateException("run.sh exited with " + system.process.exitValue() + " before ready:\n"
                        + out + system.logTails());
            }
            if (Instant.now().isAfter(deadline)) {
                system.close();
                throw new IllegalStateException("no ready line from run.sh in " + timeout + ":\n"
                        + String.join("\n", system.output) + system.logTails());
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        return system;
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.add(line);
                System.out.println("[run.sh] " + line);
                if (line.startsWith("ready: ")) {
                    readyLine = line;
                }
            }
        } catch (IOException e) {
            output.add("(output closed: " + e.getMessage() + ")");
        }
    }

    public String readyLine() {
        return readyLine;
    }

    public String gateway() {
        return "http://localhost:" + gatewayPort;
    }

    public String contentService() {
        return "http://localhost:" + contentPort;
    }

    public String hookSecret() {
        return hookSecret;
    }

    public Path data() {
        return data;
    }

    public List<String> output() {
        return List.copyOf(output);
    }

    /** The last lines of every process log, for failure messages. */
    public String logTails() {
        StringBuilder sb = new StringBuilder();
        Path logs = data.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return "";
        }
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
                sb.append("\n--- ").append(f.getFileName()).append(" (last 40 lines)\n");
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> sb.append(l).append('\n'));
            }
        } catch (IOException e) {
            sb.append("(cannot read logs: ").append(e.getMessage()).append(')');
        }
        return sb.toString();
    }

    /** Processes started by this system that are still alive (found by the marker run.sh puts on each JVM). */
    public List<ProcessHandle> leftovers() {
        String marker = "-Dgitblog.data=" + data;
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .toList();
    }

    /** Sends SIGINT (as Ctrl-C does) and waits for run.sh to stop everything. */
    public int interrupt(Duration timeout) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).inheritIO().start().waitFor();
        return awaitExit(timeout);
    }

    private int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return Integer.MIN_VALUE;
        }
        return process.exitValue();
    }

    /** SIGTERM, then a forced kill of anything left: also when a test failed half-way. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            awaitExit(Duration.ofSeconds(90));
        }
        for (ProcessHandle p : leftovers()) {
            p.destroyForcibly();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
