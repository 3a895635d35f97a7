package dev.eventcontracts.broker.conformance;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Speaks just enough AMQP over a raw socket to send malformed frames and read the reply. */
final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    /** The reply code and class/method ids of a received {@code connection.close}. */
    record Close(int code, String text, int classId, int methodId) {}

    RawClient(URI uri) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
        socket.setSoTimeout(5000);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    /** Handshake as guest/guest on vhost {@code /}, with the given heartbeat, then opens channel 1. */
    RawClient open(int heartbeat) throws IOException {
        out.write(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1});
        readFrame();
        Payload startOk = new Payload().method(10, 11).table().shortStr("PLAIN");
        startOk.longStr("\0guest\0guest").shortStr("en_US");
        frame(1, 0, startOk.bytes());
        readFrame();
        frame(
                1,
                0,
                new Payload()
                        .method(10, 31)
                        .u16(2047)
                        .u32(131072)
                        .u16(heartbeat)
                        .bytes());
        frame(
                1,
                0,
                new Payload().method(10, 40).shortStr("/").shortStr("").u8(0).bytes());
        readFrame();
        frame(1, 1, new Payload().method(20, 10).shortStr("").bytes());
        readFrame();
        return this;
    }

    void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void frame(int type, int channel, byte[] payload) throws IOException {
        frame(type, channel, payload, 0xCE);
    }

    void frame(int type, int channel, byte[] payload, int end) throws IOException {
        out.writeByte(type);
        out.writeShort(channel);
        out.writeInt(payload.length);
        out.write(payload);
        out.writeByte(end);
        out.flush();
    }

    /** Reads one frame; returns {type, payload}. */
    Object[] readFrame() throws IOException {
        int type = in.readUnsignedByte();
        in.readUnsignedShort();
        int size = in.readInt();
        byte[] payload = in.readNBytes(size);
        in.readUnsignedByte();
        return new Object[] {type, payload};
    }

    /** Reads frames until a {@code connection.close} arrives; null if the socket closes first. */
    Close awaitConnectionClose() throws IOException {
        try {
            while (true) {
                Object[] f = readFrame();
                byte[] p = (byte[]) f[1];
                if ((int) f[0] == 1 && p.length >= 4) {
                    DataInputStream d = new DataInputStream(new java.io.ByteArrayInputStream(p));
                    int cls = d.readUnsignedShort();
                    int mth = d.readUnsignedShort();
                    if (cls == 10 && mth == 50) {
                        int code = d.readUnsignedShort();
                        String text = new String(d.readNBytes(d.readUnsignedByte()), StandardCharsets.UTF_8);
                        return new Close(code, text, d.readUnsignedShort(), d.readUnsignedShort());
                    }
                }
            }
        } catch (java.io.EOFException | java.net.SocketException e) {
            return null;
        }
    }

    /** True when the server closes the socket within the read timeout. */
    boolean closedByServer() {
        try {
            while (in.read() != -1) {
                // discard
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Builds frame payloads. */
    static final class Payload {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream d = new DataOutputStream(bytes);

        Payload method(int cls, int mth) throws IOException {
            d.writeShort(cls);
            d.writeShort(mth);
            return this;
        }

        Payload u8(int v) throws IOException {
            d.writeByte(v);
            return this;
        }

        Payload u16(int v) throws IOException {
            d.writeShort(v);
            return this;
        }

        Payload u32(int v) throws IOException {
            d.writeInt(v);
            return this;
        }

        Payload u64(long v) throws IOException {
            d.writeLong(v);
            return this;
        }

        Payload shortStr(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            d.writeByte(b.length);
            d.write(b);
            return this;
        }

        Payload longStr(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            d.writeInt(b.length);
            d.write(b);
            return this;
        }

        /** An empty field table. */
        Payload table() throws IOException {
            d.writeInt(0);
            return this;
        }

        Payload raw(byte[] b) throws IOException {
            d.write(b);
            return this;
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
