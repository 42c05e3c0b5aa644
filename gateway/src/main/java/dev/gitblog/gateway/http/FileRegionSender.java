package dev.gitblog.gateway.http;

import dev.gitblog.gateway.pages.OpenPageFiles;
import dev.gitblog.gateway.site.Content;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.Http1xServerConnection;

import java.io.IOException;

/**
 * Sends a page-store file the way nginx does: the response head, then the file with sendfile(2) from a
 * descriptor held open by {@link OpenPageFiles}, both flushed together when the request's read ends, the socket
 * corked meanwhile.
 *
 * <p>Vert.x 4's public {@code HttpServerResponse.sendFile(path)} resolves, stats, opens and closes the file on
 * every request and sends the head as a segment of its own; on a 100 KB page that cost more than the copy it
 * saves (see BENCHMARKS.md). So this writes a Netty {@code FileRegion} on the HTTP/1.x connection itself (Vert.x's
 * internal {@code ConnectionBase.writeToChannel}), between {@code writeHead()} and {@code end()}: the response
 * object still writes the head and the end and so keeps Vert.x's keep-alive and pipelining in charge; Netty's
 * HTTP encoder passes a file region through after a head with a Content-Length.
 *
 * <p>Only plain HTTP/1.x can carry a file region: over TLS, HTTP/2 or a compressing pipeline {@link #send}
 * declines and the caller writes the bytes as before.
 */
final class FileRegionSender {

    private final OpenPageFiles files;
    private final long minBytes;

    /** Sends files of at least {@code minBytes} bytes; a smaller page is cheaper to write from memory. */
    FileRegionSender(OpenPageFiles files, long minBytes) {
        this.files = files;
        this.minBytes = minBytes;
    }

    /**
     * Sends {@code content} as the body of {@code resp} (its status and headers set, Content-Length to be
     * {@code length}), or returns false, having written nothing, when the page is small, the connection cannot
     * carry a file region or the file cannot be opened.
     */
    boolean send(HttpServerRequest req, HttpServerResponse resp, Content.OnDisk content, String length) {
        return send(req, resp, content, 0, content.length(), length);
    }

    /**
     * Sends {@code count} bytes from {@code offset} of {@code content} (a byte range; {@code length} is
     * {@code count} as the Content-Length value), otherwise as {@link #send(HttpServerRequest, HttpServerResponse,
     * Content.OnDisk, String)}.
     */
    boolean send(HttpServerRequest req, HttpServerResponse resp, Content.OnDisk content, long offset, long count,
                 String length) {
        if (count < minBytes) {
            return false;
        }
        Http1xServerConnection conn = plainHttp1(req.connection());
        if (conn == null) {
            return false;
        }
        FileRegion region;
        try {
            // held open by file: one descriptor for every page of a pack
            region = files.region(content.file().getFileName().toString(), content.file(), content.offset() + offset,
                    count);
        } catch (IOException gone) {
            return false;
        }
        try {
            resp.putHeader(HttpHeaders.CONTENT_LENGTH, length);
            resp.writeHead();
        } catch (RuntimeException e) {
            region.release();
            throw e;
        }
        conn.writeToChannel(region, corked(conn));
        resp.end();
        return true;
    }

    /**
     * On Linux, corks the socket until the file is written, as nginx's {@code tcp_nopush} does: the head and the
     * file leave in full segments instead of the head alone first (measured: +10-20 % req/s on the 200 KB
     * {@code /atom}, no change on a 114 KB page); the cork comes off when the write completes, which pushes
     * the last partial segment (the kernel would after 200 ms anyway). The promise of the file's write.
     */
    private static ChannelPromise corked(Http1xServerConnection conn) {
        if (!(conn.channel() instanceof EpollSocketChannel socket)) {
            return conn.voidPromise;
        }
        socket.config().setTcpCork(true);
        ChannelPromise written = conn.channelHandlerContext().newPromise();
        written.addListener(done -> {
            if (socket.isOpen()) {
                try {
                    socket.config().setTcpCork(false);
                } catch (ChannelException closedMeanwhile) {
                    // nothing left to push
                }
            }
        });
        return written;
    }

    /** The connection when it is cleartext HTTP/1.x without a compressor or traffic shaping, else null. */
    private static Http1xServerConnection plainHttp1(HttpConnection connection) {
        if (connection instanceof Http1xServerConnection conn && !conn.isSsl() && !conn.isTrafficShaped()
                && conn.channel().pipeline().get(HttpContentCompressor.class) == null) {
            return conn;
        }
        return null;
    }
}
