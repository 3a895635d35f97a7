package dev.eventcontracts.broker.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code rabbitmqctl}-compatible command for the harness broker, run as {@code java -jar
 * …-standalone.jar ctl <command>} or through the {@code harness-rabbitmqctl} script (see
 * docs/broker.md, "rabbitmqctl for the harness"). It speaks to the admin HTTP API, so it works
 * against a broker in another process. Covers what test suites written for RabbitMQ call: {@code
 * list_connections}, {@code close_connection}, {@code close_all_connections}, {@code stop_app},
 * {@code start_app}, {@code list_queues}, {@code set_user_tags}, {@code set_policy}, {@code
 * clear_policy}, {@code set_vm_memory_high_watermark}, and {@code eval} of the {@code rabbit_alarm}
 * calls that raise, clear and list resource alarms. Options rabbitmqctl takes ({@code -n NODE}, {@code -q}, {@code -p VHOST}) are
 * accepted; the node name is ignored.
 */
public final class Ctl {
    /** Environment variable with the admin API's URL when {@code --admin} is not given. */
    public static final String ADMIN_ENV = "EVENTCONTRACTS_ADMIN_URI";

    /** rabbitmqctl's exit codes (sysexits): bad usage, node unreachable, command failed. */
    static final int EX_USAGE = 64;

    static final int EX_UNAVAILABLE = 69;
    static final int EX_SOFTWARE = 70;

    static final String USAGE =
            "usage: java -jar event-contracts-harness-broker-standalone.jar ctl [--admin URL] [-n NODE] [-q]"
                    + " [-p VHOST] <command> [args]\n"
                    + "commands: list_connections [column ...] | close_connection NAME REASON | close_all_connections REASON"
                    + " | stop_app | start_app | list_queues [column ...] | set_user_tags USER [TAG ...]"
                    + " | set_policy [--priority N] [--apply-to queues|exchanges|all] NAME PATTERN DEFINITION | clear_policy NAME"
                    + " | set_vm_memory_high_watermark FRACTION | set_vm_memory_high_watermark absolute BYTES"
                    + " | eval 'rabbit_alarm:set_alarm({{resource_limit, memory|disk, node()}, []}).'"
                    + " | eval 'rabbit_alarm:clear_alarm({resource_limit, memory|disk, node()}).'"
                    + " | eval 'rabbit_alarm:get_alarms().'";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdminHttp admin;
    private final PrintStream out;
    private final boolean quiet;
    private final String vhost;

    private Ctl(AdminHttp admin, PrintStream out, boolean quiet, String vhost) {
        this.admin = admin;
        this.out = out;
        this.quiet = quiet;
        this.vhost = vhost;
    }

    /** Runs one command; returns rabbitmqctl's exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String adminUri = env.getOrDefault(ADMIN_ENV, "http://127.0.0.1:15672");
        boolean quiet = false;
        String vhost = "/";
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--admin" -> adminUri = value(args, ++i, a);
                case "-n", "--node", "-t", "--timeout" -> value(args, ++i, a); // one harness, no nodes
                case "-q", "--quiet", "-s", "--silent", "--no-table-headers" -> quiet = true;
                case "-p", "--vhost" -> vhost = value(args, ++i, a);
                default -> rest.add(a);
            }
        }
        if (rest.isEmpty()) {
            err.println(USAGE);
            return EX_USAGE;
        }
        try {
            URI base = URI.create(adminUri.endsWith("/") ? adminUri : adminUri + "/");
            return new Ctl(new AdminHttp(base), out, quiet, vhost).dispatch(rest.get(0), rest.subList(1, rest.size()));
        } catch (CtlException e) {
            err.println("Error: " + e.getMessage());
            if (e.exitCode == EX_USAGE) {
                err.println(USAGE);
            }
            return e.exitCode;
        } catch (IllegalArgumentException e) {
            err.println("Error: --admin '" + adminUri + "' is not a URL like http://127.0.0.1:15672 (" + e.getMessage()
                    + ")");
            return EX_USAGE;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new CtlException(EX_USAGE, "option '" + option + "' needs a value");
        }
        return args[i];
    }

    private int dispatch(String command, List<String> args) {
        switch (command) {
            case "list_connections" -> listConnections(args);
            case "close_connection" -> closeConnection(args);
            case "close_all_connections" -> closeAllConnections(args);
            case "stop_app" -> stopApp();
            case "start_app" -> startApp();
            case "list_queues" -> listQueues(args);
            case "set_user_tags" -> setUserTags(args);
            case "set_policy" -> setPolicy(args);
            case "clear_policy" -> clearPolicy(args);
            case "set_vm_memory_high_watermark" -> setMemoryHighWatermark(args);
            case "eval" -> eval(args);
            default ->
                throw new CtlException(
                        EX_USAGE, "command '" + command + "' is not supported by the harness broker's rabbitmqctl");
        }
        return 0;
    }

    private void listConnections(List<String> columns) {
        List<String> cols = columns.isEmpty() ? List.of("user", "peer_host", "peer_port", "state") : columns;
        if (!quiet) {
            out.println("Listing connections ...");
        }
        table(cols, admin.get("api/connections"), Map.of("pid", "name"));
    }

    private void listQueues(List<String> columns) {
        List<String> cols = new ArrayList<>();
        for (String c : columns) {
            if (!c.startsWith("-")) {
                cols.add(c);
            }
        }
        if (cols.isEmpty()) {
            cols = List.of("name", "messages");
        }
        if (!quiet) {
            out.println("Timeout: 60.0 seconds ...\nListing queues for vhost " + vhost + " ...");
        }
        table(cols, admin.get("api/queues/" + AdminHttp.segment(vhost)), Map.of());
    }

    /** Tab-separated rows of {@code columns} (a header row unless quiet), as rabbitmqctl prints them. */
    private void table(List<String> columns, JsonNode rows, Map<String, String> aliases) {
        if (!quiet) {
            out.println(String.join("\t", columns));
        }
        for (JsonNode row : rows) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                JsonNode v = row.get(aliases.getOrDefault(c, c));
                cells.add(v == null ? "" : v.isValueNode() ? v.asText() : ErlangTerms.render(v));
            }
            out.println(String.join("\t", cells));
        }
    }

    private void closeConnection(List<String> args) {
        if (args.size() != 2) {
            throw new CtlException(EX_USAGE, "close_connection takes the connection's name and a reason, got " + args);
        }
        if (!quiet) {
            out.println("Closing connection " + args.get(0) + ", reason: " + args.get(1) + "...");
        }
        admin.delete("api/connections/" + AdminHttp.segment(args.get(0)), Map.of("X-Reason", args.get(1)));
    }

    private void closeAllConnections(List<String> args) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--limit") || a.equals("-l")) {
                i++; // the harness closes every connection
            } else if (!a.startsWith("-")) {
                words.add(a);
            }
        }
        String reason = words.isEmpty() ? "Closed via rabbitmqctl" : String.join(" ", words);
        for (JsonNode c : admin.get("api/connections")) {
            String name = c.get("name").asText();
            if (!quiet) {
                out.println("Closing connection " + name + ", reason: " + reason + "...");
            }
            admin.delete("api/connections/" + AdminHttp.segment(name), Map.of("X-Reason", reason));
        }
    }

    /**
     * {@code stop_app}: the harness restarts with its durable state at once (a harness cannot stay
     * stopped: its admin API is the broker); returns when the AMQP port accepts connections again.
     */
    private void stopApp() {
        InetSocketAddress amqp = amqpListener();
        if (!quiet) {
            out.println("Stopping rabbit application on the harness broker (it restarts with its durable state) ...");
        }
        admin.post("api/restart", Map.of("reason", "rabbitmqctl stop_app"));
        waitFor(() -> !accepts(amqp), 2_000); // the restart closes the port first, then binds it again
        if (!waitFor(() -> accepts(amqp), 15_000)) {
            throw new CtlException(
                    EX_SOFTWARE,
                    "the harness broker did not accept AMQP connections on " + amqp
                            + " within 15 s after restarting; see its output");
        }
    }

    /** {@code start_app}: waits until the AMQP port accepts connections. */
    private void startApp() {
        InetSocketAddress amqp = amqpListener();
        if (!quiet) {
            out.println("Starting node on the harness broker ...");
        }
        if (!waitFor(() -> accepts(amqp), 15_000)) {
            throw new CtlException(EX_SOFTWARE, "the harness broker does not accept AMQP connections on " + amqp);
        }
    }

    private InetSocketAddress amqpListener() {
        for (JsonNode l : admin.get("api/overview").path("listeners")) {
            if ("amqp".equals(l.path("protocol").asText())) {
                String host = l.path("ip_address").asText(admin.base().getHost());
                return new InetSocketAddress(
                        host.isEmpty() ? admin.base().getHost() : host,
                        l.path("port").asInt());
            }
        }
        throw new CtlException(EX_SOFTWARE, "GET /api/overview at " + admin.base() + " lists no amqp listener");
    }

    private static boolean accepts(InetSocketAddress address) {
        try (Socket s = new Socket()) {
            s.connect(address, 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls {@code condition} every 50 ms for up to {@code millis}; whether it became true. */
    private static boolean waitFor(BooleanSupplier condition, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    private void setUserTags(List<String> args) {
        if (args.isEmpty()) {
            throw new CtlException(EX_USAGE, "set_user_tags takes a user name and tags");
        }
        if (!quiet) {
            out.println("Setting tags for user \"" + args.get(0) + "\" to " + args.subList(1, args.size()) + " ...");
        }
        admin.put(
                "api/users/" + AdminHttp.segment(args.get(0)),
                Map.of("tags", String.join(",", args.subList(1, args.size()))));
    }

    /**
     * {@code set_policy}: {@code PUT /api/policies/{vhost}/{name}} in RabbitMQ's management shape
     * (the policies API itself is part of the broker's policy support).
     */
    private void setPolicy(List<String> args) {
        Map<String, Object> body = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--priority" -> body.put("priority", integer(args, ++i, a));
                case "--apply-to" -> body.put("apply-to", argument(args, ++i, a));
                default -> positional.add(a);
            }
        }
        if (positional.size() != 3) {
            throw new CtlException(
                    EX_USAGE, "set_policy takes NAME PATTERN DEFINITION (a JSON object), got " + positional);
        }
        body.put("pattern", positional.get(1));
        try {
            body.put("definition", JSON.readTree(positional.get(2)));
        } catch (IOException e) {
            throw new CtlException(
                    EX_USAGE,
                    "policy definition '" + positional.get(2) + "' is not JSON; write e.g. '{\"max-length\":10}' ("
                            + e.getMessage() + ")");
        }
        if (!quiet) {
            out.println("Setting policy \"" + positional.get(0) + "\" for pattern \"" + positional.get(1) + "\" ...");
        }
        admin.put(policyPath(positional.get(0)), body);
    }

    private void clearPolicy(List<String> args) {
        if (args.size() != 1) {
            throw new CtlException(EX_USAGE, "clear_policy takes the policy's name, got " + args);
        }
        if (!quiet) {
            out.println("Clearing policy \"" + args.get(0) + "\" on vhost \"" + vhost + "\" ...");
        }
        admin.delete(policyPath(args.get(0)), Map.of());
    }

    private String policyPath(String name) {
        return "api/policies/" + AdminHttp.segment(vhost) + "/" + AdminHttp.segment(name);
    }

    private static String argument(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new CtlException(EX_USAGE, "option '" + option + "' needs a value");
        }
        return args.get(i);
    }

    private static int integer(List<String> args, int i, String option) {
        String v = argument(args, i, option);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new CtlException(EX_USAGE, "option '" + option + "' needs an integer, got '" + v + "'");
        }
    }

    /**
     * {@code set_vm_memory_high_watermark FRACTION} (of the machine's memory) or {@code
     * set_vm_memory_high_watermark absolute BYTES}; the harness counts queued message bytes as its
     * memory (docs/broker.md, "Flow control").
     */
    private void setMemoryHighWatermark(List<String> args) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (args.size() == 1) {
            double fraction;
            try {
                fraction = Double.parseDouble(args.get(0));
            } catch (NumberFormatException e) {
                fraction = Double.NaN;
            }
            if (!(fraction > 0 && fraction <= 1)) {
                throw new CtlException(
                        EX_USAGE,
                        "set_vm_memory_high_watermark takes a fraction above 0 and at most 1 (e.g. 0.4), got '"
                                + args.get(0) + "'");
            }
            body.put("fraction", fraction);
        } else if (args.size() == 2 && args.get(0).equals("absolute")) {
            try {
                body.put("absolute", Long.parseLong(args.get(1)));
            } catch (NumberFormatException e) {
                throw new CtlException(
                        EX_USAGE,
                        "set_vm_memory_high_watermark absolute takes a whole number of bytes, got '" + args.get(1)
                                + "'");
            }
        } else {
            throw new CtlException(
                    EX_USAGE, "set_vm_memory_high_watermark takes FRACTION or 'absolute' BYTES, got " + args);
        }
        if (!quiet) {
            out.println("Setting memory threshold on the harness broker to " + String.join(" ", args) + " ...");
        }
        admin.put("api/memory-high-watermark", body);
    }

    private static final Pattern SET_ALARM = Pattern.compile(
            "rabbit_alarm:set_alarm\\(\\{\\{resource_limit,(memory|disk|disc),node\\(\\)\\},\\[\\]\\}\\)\\.?");
    private static final Pattern CLEAR_ALARM =
            Pattern.compile("rabbit_alarm:clear_alarm\\(\\{resource_limit,(memory|disk|disc),node\\(\\)\\}\\)\\.?");

    /**
     * {@code eval} of the {@code rabbit_alarm} calls a test suite makes: {@code set_alarm} and
     * {@code clear_alarm} of the memory or disk alarm (prints {@code ok}), and {@code get_alarms()}
     * (prints the alarms in effect as RabbitMQ does, e.g. {@code [{{resource_limit,disk,
     * harness@localhost},[]}]}). Any other expression is refused: the harness runs no Erlang.
     */
    private void eval(List<String> args) {
        String expr = String.join("", args).replaceAll("\\s+", "");
        Matcher set = SET_ALARM.matcher(expr);
        Matcher clear = CLEAR_ALARM.matcher(expr);
        if (set.matches()) {
            admin.put("api/alarms/" + set.group(1), Map.of());
            out.println("ok");
        } else if (clear.matches()) {
            admin.delete("api/alarms/" + clear.group(1), Map.of());
            out.println("ok");
        } else if (expr.matches("rabbit_alarm:get_alarms\\(\\)\\.?")) {
            List<String> alarms = new ArrayList<>();
            for (JsonNode a : admin.get("api/alarms")) {
                alarms.add("{{resource_limit," + a.path("resource").asText() + ","
                        + a.path("node").asText() + "},[]}");
            }
            out.println("[" + String.join(",", alarms) + "]");
        } else {
            throw new CtlException(
                    EX_USAGE,
                    "eval '" + String.join(" ", args) + "' is not supported: the harness runs no Erlang; it"
                            + " understands rabbit_alarm:set_alarm/clear_alarm of {resource_limit, memory|disk,"
                            + " node()} and rabbit_alarm:get_alarms()");
        }
    }
}
