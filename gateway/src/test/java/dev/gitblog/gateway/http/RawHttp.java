package dev.gitblog.gateway.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a request line exactly as given (no client-side normalisation of {@code ..}, {@code //},
 * backslashes or percent-encoding, which HTTP client libraries do) and reads the whole response.
 */
final class RawHttp {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length: *(\\d+)$");

    record Response(int status, String head, String body) {
    }

    private RawHttp() {
    }

    static Response get(int port, String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.ISO_8859_1);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            String[] statusLine = head.split("\r\n", 2)[0].split(" ");
            return new Response(Integer.parseInt(statusLine[1]), head, body);
        }
    }

    /**
     * Sends the GET requests for {@code targets} in one write on one connection (HTTP/1.1 pipelining; the last
     * asks to close) and splits what comes back by Content-Length, in order.
     */
    static List<Response> pipelined(int port, List<String> targets) throws IOException {
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < targets.size(); i++) {
            requests.append("GET ").append(targets.get(i)).append(" HTTP/1.1\r\nHost: localhost\r\n")
                    .append(i == targets.size() - 1 ? "Connection: close\r\n" : "").append("\r\n");
        }
        String text;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(requests.toString().getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(all);
            text = all.toString(StandardCharsets.ISO_8859_1);
        }
        List<Response> responses = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int split = text.indexOf("\r\n\r\n", at);
            String head = text.substring(at, split);
            Matcher length = CONTENT_LENGTH.matcher(head);
            if (!length.find()) {
                throw new IOException("no Content-Length in " + head);
            }
            int end = split + 4 + Integer.parseInt(length.group(1));
            responses.add(new Response(Integer.parseInt(head.split(" ", 3)[1]), head, text.substring(split + 4, end)));
            at = end;
        }
        return responses;
    }
}
