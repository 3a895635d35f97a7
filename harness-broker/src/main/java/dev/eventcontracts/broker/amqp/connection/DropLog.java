package dev.eventcontracts.broker.amqp.connection;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Logs every connection the broker drops, with the reason, as {@code key=value} on the JDK's
 * {@link System.Logger} named {@value #LOGGER_NAME} (see docs/broker.md, "Dropped connections"):
 * a {@code connection.close} the broker sends (WARNING for errors, INFO for {@code 320}
 * CONNECTION_FORCED, DEBUG for the 320 of a broker shutdown or restart, so that every stopped
 * test broker does not log) and a socket closed without one (INFO).
 */
final class DropLog {
    /** The logger's name; configure it like any {@code java.util.logging} logger. */
    static final String LOGGER_NAME = "dev.eventcontracts.broker.connections";

    private static final Logger LOG = System.getLogger(LOGGER_NAME);

    void closing(String connection, String user, int code, String text) {
        Level level = code != 320 ? Level.WARNING : text.endsWith("reason 'shutdown'") ? Level.DEBUG : Level.INFO;
        LOG.log(
                level,
                () -> "connection closed by broker connection='" + connection + "' user=" + user + " code=" + code
                        + " reason='" + text + "'");
    }

    void socketClosed(String connection, String user, String reason) {
        LOG.log(
                Level.INFO,
                () -> "connection socket closed connection='" + connection + "' user=" + user + " reason='" + reason
                        + "'");
    }
}
