package io.github.grpcops.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

import io.github.grpcops.logging.Causes;
import io.grpc.Decompressor;

/**
 * grpc-java's gzip, reading the gzip header when the message is parsed instead of when its frame
 * arrives. grpc-java opens the decompressor on the transport thread, where bytes that are not gzip end
 * the stream with a bare reset the client sees as {@code CANCELLED}; opened with the message, the same
 * failure reaches the request guard's marshaller, which answers {@code INVALID_ARGUMENT} through the
 * pipeline. Any failure to decompress is a {@link MalformedCompression}.
 */
final class DeferredGzipDecompressor implements Decompressor {

    static final String ENCODING = "gzip";

    @Override
    public String getMessageEncoding() {
        return ENCODING;
    }

    @Override
    public InputStream decompress(InputStream compressed) {
        return new DeferredStream(compressed);
    }

    /** Whether {@code failure} or one of its causes is a failure to decompress a message. */
    static boolean causedBy(Throwable failure) {
        return Causes.any(failure, MalformedCompression.class::isInstance);
    }

    /** A message whose bytes are not what its {@code grpc-encoding} says. */
    static final class MalformedCompression extends IOException {

        MalformedCompression(IOException cause) {
            super("Request message is not valid " + ENCODING, cause);
        }
    }

    private static final class DeferredStream extends InputStream {

        private final InputStream compressed;

        private GZIPInputStream gzip;

        DeferredStream(InputStream compressed) {
            this.compressed = compressed;
        }

        @Override
        public int read() throws IOException {
            try {
                return gzip().read();
            }
            catch (MalformedCompression ex) {
                throw ex;
            }
            catch (IOException ex) {
                throw new MalformedCompression(ex);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return gzip().read(buffer, offset, length);
            }
            catch (MalformedCompression ex) {
                throw ex;
            }
            catch (IOException ex) {
                throw new MalformedCompression(ex);
            }
        }

        @Override
        public void close() throws IOException {
            if (this.gzip != null) {
                this.gzip.close();
            }
            else {
                this.compressed.close();
            }
        }

        private GZIPInputStream gzip() throws IOException {
            if (this.gzip == null) {
                this.gzip = new GZIPInputStream(this.compressed);
            }
            return this.gzip;
        }
    }
}
