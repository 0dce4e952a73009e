package io.github.grpcops.test;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Exception;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Headers;

/**
 * A client that writes HTTP/2 frames by hand over a plain socket, for input no gRPC client sends: floods
 * of HEADERS and RST_STREAM, malformed gRPC message frames, headers grpc-java refuses. Headers are
 * HPACK-coded with grpc-netty-shaded's Netty coder; everything else is written byte by byte. A reader
 * thread acknowledges the server's SETTINGS and collects what the server answers per stream (response
 * headers and trailers, RST_STREAM) and for the connection (SETTINGS, GOAWAY, the socket closing).
 */
public final class RawHttp2 implements AutoCloseable {

    public static final int DATA = 0x0;

    public static final int HEADERS = 0x1;

    public static final int RST_STREAM = 0x3;

    public static final int SETTINGS = 0x4;

    public static final int PING = 0x6;

    public static final int GOAWAY = 0x7;

    public static final int CONTINUATION = 0x9;

    public static final int END_STREAM = 0x1;

    public static final int END_HEADERS = 0x4;

    public static final int ACK = 0x1;

    public static final int SETTINGS_MAX_CONCURRENT_STREAMS = 0x3;

    public static final int CANCEL = 0x8;

    public static final int ENHANCE_YOUR_CALM = 0xb;

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;

    private final OutputStream out;

    private final DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();

    private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false);

    private final Map<Integer, Long> serverSettings = new ConcurrentHashMap<>();

    private final CountDownLatch settingsReceived = new CountDownLatch(1);

    private final CountDownLatch closed = new CountDownLatch(1);

    private final Map<Integer, StreamEnd> ends = new ConcurrentHashMap<>();

    private final Map<Integer, Http2Headers> responseHeaders = new ConcurrentHashMap<>();

    private volatile GoAway goAway;

    private RawHttp2(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    /** Opens a connection to a plaintext HTTP/2 server on the loopback address and sends the preface. */
    public static RawHttp2 connect(int port) {
        try {
            RawHttp2 connection = new RawHttp2(new Socket("127.0.0.1", port));
            connection.write(PREFACE);
            connection.frame(SETTINGS, 0, 0, new byte[0]);
            Thread reader = new Thread(connection::read, "raw-http2-reader");
            reader.setDaemon(true);
            reader.start();
            return connection;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The request headers of a gRPC call to {@code path} ({@code /pkg.Service/Method}), plus {@code extra} pairs. */
    public static Http2Headers grpcRequest(String path, String... extra) {
        Http2Headers headers = new DefaultHttp2Headers(false).method("POST")
            .scheme("http")
            .path(path)
            .authority("localhost")
            .add("content-type", "application/grpc")
            .add("te", "trailers");
        for (int i = 0; i + 1 < extra.length; i += 2) {
            headers.add(extra[i], extra[i + 1]);
        }
        return headers;
    }

    /** A gRPC length-prefixed message: the compressed flag, a declared length (may lie) and the body. */
    public static byte[] message(boolean compressed, int declaredLength, byte[] body) {
        return ByteBuffer.allocate(5 + body.length)
            .put((byte) (compressed ? 1 : 0))
            .putInt(declaredLength)
            .put(body)
            .array();
    }

    /** A gRPC length-prefixed message whose length is the body's. */
    public static byte[] message(boolean compressed, byte[] body) {
        return message(compressed, body.length, body);
    }

    /**
     * One call on a connection of its own: the request headers of {@code path} with {@code headers}
     * pairs, then {@code frame} as the only DATA, ending the stream; how the server ended it.
     */
    public static StreamEnd call(int port, String path, byte[] frame, String... headers) throws InterruptedException {
        try (RawHttp2 connection = connect(port)) {
            connection.headers(1, grpcRequest(path, headers), false);
            connection.data(1, frame, true);
            StreamEnd end = connection.awaitEnd(1, Duration.ofSeconds(20));
            if (end == null) {
                throw new AssertionError("The server did not end the stream within 20 s");
            }
            return end;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public void headers(int streamId, Http2Headers headers, boolean endStream) {
        ByteBuf block = Unpooled.buffer();
        try {
            this.encoder.encodeHeaders(streamId, headers, block);
        }
        catch (Http2Exception ex) {
            throw new IllegalStateException(ex);
        }
        byte[] bytes = new byte[block.readableBytes()];
        block.readBytes(bytes);
        block.release();
        int maxFrame = 16_384;
        int first = Math.min(bytes.length, maxFrame);
        boolean single = first == bytes.length;
        frame(HEADERS, (single ? END_HEADERS : 0) | (endStream ? END_STREAM : 0), streamId,
                Arrays.copyOfRange(bytes, 0, first));
        for (int offset = first; offset < bytes.length; offset += maxFrame) {
            int end = Math.min(bytes.length, offset + maxFrame);
            frame(CONTINUATION, (end == bytes.length) ? END_HEADERS : 0, streamId,
                    Arrays.copyOfRange(bytes, offset, end));
        }
    }

    public void data(int streamId, byte[] payload, boolean endStream) {
        frame(DATA, endStream ? END_STREAM : 0, streamId, payload);
    }

    public void rstStream(int streamId, int errorCode) {
        frame(RST_STREAM, 0, streamId, ByteBuffer.allocate(4).putInt(errorCode).array());
    }

    public void ping(long payload) {
        frame(PING, 0, 0, ByteBuffer.allocate(8).putLong(payload).array());
    }

    /** The server's first SETTINGS value {@code id}, or {@code null} when it sent none. */
    public Long serverSetting(int id, Duration wait) throws InterruptedException {
        this.settingsReceived.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        return this.serverSettings.get(id);
    }

    /** The server's GOAWAY, waiting for it at most {@code wait}; {@code null} when none came. */
    public GoAway awaitGoAway(Duration wait) throws InterruptedException {
        long until = System.nanoTime() + wait.toNanos();
        while (this.goAway == null && System.nanoTime() < until && this.closed.getCount() > 0) {
            Thread.sleep(10);
        }
        return this.goAway;
    }

    /** Whether the server closed the connection within {@code wait}. */
    public boolean awaitClosed(Duration wait) throws InterruptedException {
        return this.closed.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How the server ended stream {@code streamId}, waiting at most {@code wait}; {@code null} when it did not. */
    public StreamEnd awaitEnd(int streamId, Duration wait) throws InterruptedException {
        long until = System.nanoTime() + wait.toNanos();
        while (!this.ends.containsKey(streamId) && System.nanoTime() < until && this.closed.getCount() > 0) {
            Thread.sleep(5);
        }
        return this.ends.get(streamId);
    }

    /** Streams the server reset with {@code errorCode} so far. */
    public long resetCount(int errorCode) {
        return this.ends.values().stream().filter(end -> end.resetCode() != null && end.resetCode() == errorCode).count();
    }

    @Override
    public void close() throws IOException {
        this.socket.close();
    }

    private synchronized void frame(int type, int flags, int streamId, byte[] payload) {
        ByteBuffer header = ByteBuffer.allocate(9);
        header.put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length);
        header.put((byte) type).put((byte) flags).putInt(streamId & 0x7fffffff);
        try {
            this.out.write(header.array());
            this.out.write(payload);
            this.out.flush();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private synchronized void write(byte[] bytes) throws IOException {
        this.out.write(bytes);
        this.out.flush();
    }

    private void read() {
        try (DataInputStream in = new DataInputStream(this.socket.getInputStream())) {
            ByteBuf headerBlock = null;
            while (true) {
                int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                int streamId = in.readInt() & 0x7fffffff;
                byte[] payload = new byte[length];
                in.readFully(payload);
                switch (type) {
                    case SETTINGS -> settings(flags, payload);
                    case HEADERS, CONTINUATION -> {
                        headerBlock = (headerBlock != null) ? headerBlock : Unpooled.buffer();
                        headerBlock.writeBytes(headersFragment(type, flags, payload));
                        if ((flags & END_HEADERS) != 0) {
                            headersRead(streamId, headerBlock);
                            headerBlock.release();
                            headerBlock = null;
                        }
                        if ((flags & END_STREAM) != 0) {
                            this.ends.putIfAbsent(streamId, trailers(streamId));
                        }
                    }
                    case RST_STREAM -> this.ends.putIfAbsent(streamId,
                            new StreamEnd(null, null, ByteBuffer.wrap(payload).getInt(), null));
                    case GOAWAY -> {
                        ByteBuffer goAway = ByteBuffer.wrap(payload);
                        int lastStreamId = goAway.getInt() & 0x7fffffff;
                        int errorCode = goAway.getInt();
                        byte[] debug = new byte[goAway.remaining()];
                        goAway.get(debug);
                        this.goAway = new GoAway(lastStreamId, errorCode, new String(debug, StandardCharsets.UTF_8));
                    }
                    default -> {
                        // DATA (responses are not read), PING acks, WINDOW_UPDATE: nothing to keep
                    }
                }
            }
        }
        catch (EOFException | java.net.SocketException ex) {
            // the server closed the connection, or the test did
        }
        catch (IOException | Http2Exception ex) {
            throw new IllegalStateException(ex);
        }
        finally {
            this.closed.countDown();
            this.settingsReceived.countDown();
        }
    }

    private void settings(int flags, byte[] payload) {
        if ((flags & ACK) != 0) {
            return;
        }
        ByteBuffer values = ByteBuffer.wrap(payload);
        while (values.remaining() >= 6) {
            this.serverSettings.putIfAbsent(values.getShort() & 0xffff, values.getInt() & 0xffffffffL);
        }
        frame(SETTINGS, ACK, 0, new byte[0]);
        this.settingsReceived.countDown();
    }

    private static byte[] headersFragment(int type, int flags, byte[] payload) {
        int start = 0;
        int end = payload.length;
        if (type == HEADERS) {
            if ((flags & 0x8) != 0) { // PADDED
                int pad = payload[0] & 0xff;
                start = 1;
                end -= pad;
            }
            if ((flags & 0x20) != 0) { // PRIORITY
                start += 5;
            }
        }
        return Arrays.copyOfRange(payload, start, end);
    }

    private void headersRead(int streamId, ByteBuf block) throws Http2Exception {
        Http2Headers decoded = this.decoder.decodeHeaders(streamId, block);
        Http2Headers first = this.responseHeaders.putIfAbsent(streamId, decoded);
        if (first != null) {
            first.add(decoded);
        }
    }

    private StreamEnd trailers(int streamId) {
        Http2Headers all = this.responseHeaders.get(streamId);
        CharSequence status = (all != null) ? all.get("grpc-status") : null;
        CharSequence message = (all != null) ? all.get("grpc-message") : null;
        return new StreamEnd((status != null) ? Integer.valueOf(status.toString()) : null,
                (message != null) ? percentDecoded(message.toString()) : null, null, all);
    }

    private static String percentDecoded(String message) {
        return java.net.URLDecoder.decode(message.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /**
     * How the server ended a stream: with trailers ({@code grpcStatus}, {@code grpcMessage}) or a
     * RST_STREAM ({@code resetCode}).
     *
     * @param grpcStatus the {@code grpc-status} code, or {@code null}
     * @param grpcMessage the decoded {@code grpc-message}, or {@code null}
     * @param resetCode the RST_STREAM error code, or {@code null}
     * @param headers every header and trailer the server sent on the stream, or {@code null}
     */
    public record StreamEnd(Integer grpcStatus, String grpcMessage, Integer resetCode, Http2Headers headers) {
    }

    /**
     * The server's GOAWAY.
     *
     * @param lastStreamId the last stream it processed
     * @param errorCode the HTTP/2 error code
     * @param debugData its debug text
     */
    public record GoAway(int lastStreamId, int errorCode, String debugData) {
    }
}
