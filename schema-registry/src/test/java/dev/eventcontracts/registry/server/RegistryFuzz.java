package dev.eventcontracts.registry.server;

import dev.eventcontracts.registry.testing.Avsc;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Mutation fuzzing of the registry's HTTP endpoints over raw sockets: real routes with odd names
 * (dots, encoded slashes, control characters, very long, non-ASCII), bodies that are valid, mutated,
 * truncated, deep, huge or random, odd content types and version headers, and raw request lines
 * that are not HTTP. A case fails when the answer is a 5xx or no answer at all (a reset, counted
 * as {@link #RESET}, is allowed: the server refused a request it did not read to the end). Used by {@code
 * RegistryFuzzTest} (bounded, in CI) and {@code FuzzBench}.
 */
public final class RegistryFuzz {

    /** What a run found: cases, the statuses answered, and every failure with its seed. */
    public record Result(int cases, Map<Integer, Integer> statuses, List<String> failures) {}

    /** Endpoints with the methods they serve; a case uses one of them 85 % of the time. */
    private static final String[] PATHS = {
        "GET POST /apis/registry/v2/groups/{g}/artifacts",
        "GET PUT DELETE /apis/registry/v2/groups/{g}/artifacts/{a}",
        "GET POST /apis/registry/v2/groups/{g}/artifacts/{a}/meta",
        "GET POST /apis/registry/v2/groups/{g}/artifacts/{a}/versions",
        "GET /apis/registry/v2/groups/{g}/artifacts/{a}/versions/{v}",
        "GET /apis/registry/v2/groups/{g}/artifacts/{a}/versions/{v}/meta",
        "PUT /apis/registry/v2/groups/{g}/artifacts/{a}/test",
        "GET POST DELETE /apis/registry/v2/groups/{g}/artifacts/{a}/rules",
        "GET PUT DELETE /apis/registry/v2/groups/{g}/artifacts/{a}/rules/{r}",
        "GET POST DELETE /apis/registry/v2/admin/rules",
        "GET PUT DELETE /apis/registry/v2/admin/rules/{r}",
        "GET /apis/registry/v2/ids/globalIds/{v}",
        "GET /apis/registry/v2/ids/contentIds/{v}",
        "GET /apis/registry/v2/search/artifacts?name={a}&limit={v}&offset={v}",
        "GET /apis/ccompat/v7/subjects",
        "POST DELETE /apis/ccompat/v7/subjects/{a}",
        "GET POST /apis/ccompat/v7/subjects/{a}/versions",
        "GET DELETE /apis/ccompat/v7/subjects/{a}/versions/{v}",
        "POST /apis/ccompat/v7/compatibility/subjects/{a}/versions",
        "GET PUT DELETE /apis/ccompat/v7/config/{a}",
        "GET /apis/ccompat/v7/schemas/ids/{v}",
        "GET /nowhere/{a}",
    };

    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"};
    private static final String[] CONTENT_TYPES = {
        "application/json",
        "application/json; charset=utf-8",
        "application/create.extended+json",
        "application/get.extended+json",
        "application/vnd.schemaregistry.v1+json",
        "application/xml",
        "text/plain",
        "multipart/form-data; boundary=x",
        "",
        "\u00e9/\u00e9",
    };
    private static final String[] SCHEMAS = {
        Avsc.ORDER_V1,
        Avsc.ORDER_V2,
        Avsc.ORDER_BREAKING,
        HostileInputTest.DUPLICATE_FIELD,
        HostileInputTest.NESTED_UNION,
        HostileInputTest.DUPLICATE_IN_UNION,
        HostileInputTest.NEGATIVE_FIXED,
        "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[]}",
        "[]",
        "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":-1}",
        "{\"type\":\"COMPATIBILITY\",\"config\":\"BACKWARD\"}",
        "{\"compatibility\":\"FULL\"}",
    };

    /** The server reset the connection before its answer could be read (after refusing the request). */
    public static final int RESET = -1;

    private final int port;
    private final int maxBodyBytes;

    public RegistryFuzz(int port, int maxBodyBytes) {
        this.port = port;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Runs up to {@code count} cases within the budget; case {@code i} is seeded with {@code seed + i}. */
    public Result run(long seed, int count, long budgetNanos) {
        long start = System.nanoTime();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (; cases < count && System.nanoTime() - start < budgetNanos; cases++) {
            long caseSeed = seed + cases;
            try {
                int status = runCase(new Random(caseSeed));
                statuses.merge(status, 1, Integer::sum);
                if (status >= 500 || status == 0) {
                    failures.add("seed " + caseSeed + ": " + (status == 0 ? "no answer" : "status " + status));
                }
            } catch (IOException e) {
                failures.add("seed " + caseSeed + ": " + e);
            }
        }
        return new Result(cases, statuses, failures);
    }

    /** A valid GET on a fresh connection, the reference for the fuzz cases' rate; its status. */
    public int validCase(String path) throws IOException {
        return exchange(("GET " + path + " HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    }

    /** One request on a fresh connection; the status answered, or 0 for none. */
    private int runCase(Random random) throws IOException {
        return exchange(random.nextInt(20) == 0 ? garbageRequest(random) : request(random));
    }

    private int exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the server answered (413) and closed before reading everything: read the answer
            }
            return status(socket.getInputStream());
        }
    }

    private byte[] request(Random random) {
        String[] endpoint = PATHS[random.nextInt(PATHS.length)].split(" ");
        String method = random.nextInt(100) < 85
                ? endpoint[random.nextInt(endpoint.length - 1)]
                : METHODS[random.nextInt(METHODS.length)];
        String path = endpoint[endpoint.length - 1]
                .replace("{g}", name(random))
                .replace("{a}", name(random))
                .replace("{v}", version(random))
                .replace("{r}", random.nextBoolean() ? "COMPATIBILITY" : name(random));
        byte[] body = body(random);
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: fuzz\r\n");
        String type = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
        if (!type.isEmpty()) {
            head.append("Content-Type: ").append(type).append("\r\n");
        }
        switch (random.nextInt(6)) {
            case 0 ->
                head.append("X-Registry-Version: ").append(version(random)).append("\r\n");
            case 1 ->
                head.append("X-Registry-ArtifactId: ").append(name(random)).append("\r\n");
            case 2 ->
                head.append("X-Registry-Name-Encoded: ").append(name(random)).append("\r\n");
            case 3 -> head.append("X-Registry-GroupId: ").append(name(random)).append("\r\n");
            default -> {
                // no extra header
            }
        }
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    private static String name(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> "..";
            case 1 -> "a%2Fb";
            case 2 -> "%00x%0A";
            case 3 -> "x".repeat(200 + random.nextInt(600));
            case 4 -> "%C3%A9".repeat(1 + random.nextInt(200));
            case 5 -> "%";
            case 6 -> "a+b%20c";
            default -> "fuzz-" + random.nextInt(20);
        };
    }

    private static String version(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "..";
            case 1 -> "a%2Fb";
            case 2 -> "v".repeat(250 + random.nextInt(20));
            case 3 -> "-1";
            case 4 -> "99999999999999999999";
            case 5 -> "latest";
            default -> String.valueOf(1 + random.nextInt(3));
        };
    }

    private byte[] body(Random random) {
        String schema = SCHEMAS[random.nextInt(SCHEMAS.length)];
        return switch (random.nextInt(10)) {
            case 0 -> new byte[0];
            case 1 -> ("{\"schema\":" + quote(schema) + "}").getBytes(StandardCharsets.UTF_8);
            case 2 -> ("{\"content\":" + quote(schema) + "}").getBytes(StandardCharsets.UTF_8);
            case 3 -> mutate(random, schema.getBytes(StandardCharsets.UTF_8));
            case 4 -> deep(random);
            case 5 -> new byte[maxBodyBytes + 1 + random.nextInt(1024)];
            case 6 -> {
                byte[] bytes = new byte[random.nextInt(2048)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 7 -> (schema + " " + schema).getBytes(StandardCharsets.UTF_8);
            default -> schema.getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] deep(Random random) {
        int depth = 900 + random.nextInt(400);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return (open.repeat(depth) + close.repeat(depth)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] mutate(Random random, byte[] bytes) {
        byte[] copy = bytes.clone();
        switch (random.nextInt(3)) {
            case 0 -> copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
            case 1 -> {
                return java.util.Arrays.copyOf(copy, random.nextInt(copy.length));
            }
            default -> {
                for (int i = 0; i < 1 + random.nextInt(4); i++) {
                    copy[random.nextInt(copy.length)] = (byte) "{}[]\",:\\".charAt(random.nextInt(8));
                }
            }
        }
        return copy;
    }

    private static byte[] garbageRequest(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            case 1 -> ("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            case 2 ->
                "POST /apis/registry/v2/groups/g/artifacts HTTP/1.1\r\nContent-Length: -5\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII);
            default -> {
                byte[] bytes = new byte[1 + random.nextInt(200)];
                random.nextBytes(bytes);
                bytes[bytes.length - 1] = '\n';
                yield (new String(bytes, StandardCharsets.ISO_8859_1) + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
        };
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The status of the first response, or 0 when the server closes without one. */
    private static int status(InputStream in) throws IOException {
        byte[] line = new byte[12];
        int read = 0;
        try {
            while (read < line.length) {
                int n = in.read(line, read, line.length - read);
                if (n < 0) {
                    return 0;
                }
                read += n;
            }
        } catch (SocketTimeoutException e) {
            return 0;
        } catch (java.net.SocketException e) {
            return read >= 12 ? parse(line) : RESET;
        }
        return parse(line);
    }

    private static int parse(byte[] line) {
        String text = new String(line, StandardCharsets.US_ASCII);
        if (!text.startsWith("HTTP/1.")) {
            return 0;
        }
        return Integer.parseInt(text.substring(9, 12));
    }
}
