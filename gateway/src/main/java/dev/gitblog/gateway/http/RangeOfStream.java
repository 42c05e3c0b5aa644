package dev.gitblog.gateway.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;

/**
 * Copies one byte range of an upstream body (a large static file streamed from content-service) to a response
 * whose status and Content-Length are set: bytes before the range are dropped, the response ends with the range's
 * last byte and the rest of the upstream transfer is cancelled. Keeps to the client's pace (pauses the upstream
 * while the response's write queue is full).
 */
final class RangeOfStream {

    private RangeOfStream() {
    }

    static void send(HttpClientResponse upstream, HttpServerResponse resp, long first, long count) {
        long end = first + count;
        long[] position = {0};
        resp.closeHandler(closed -> upstream.request().reset());
        upstream.exceptionHandler(e -> {
            if (!resp.ended()) {
                resp.reset();
            }
        });
        upstream.endHandler(done -> {
            if (!resp.ended()) {
                // the upstream body was shorter than its entry said: the client must not take it as whole
                resp.reset();
            }
        });
        upstream.handler(buffer -> {
            if (resp.ended()) {
                return;
            }
            long start = position[0];
            long stop = start + buffer.length();
            position[0] = stop;
            long from = Math.max(start, first);
            long to = Math.min(stop, end);
            if (from < to) {
                Buffer slice = buffer.slice((int) (from - start), (int) (to - start));
                if (to == end) {
                    resp.end(slice);
                    upstream.request().reset();
                    return;
                }
                resp.write(slice);
                if (resp.writeQueueFull()) {
                    upstream.pause();
                    resp.drainHandler(drained -> upstream.resume());
                }
            }
        });
        upstream.resume();
    }
}
