package com.wxqr.app.quote;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One {@code GET /api/quotes/{id}/events} over a plain socket, so that a test chooses the client
 * address (any 127.0.0.x is this machine) and can vanish without a word, as a closed laptop does.
 * The body is read line by line as it comes (chunk sizes appear as lines of their own).
 */
final class SseSocket implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;

    private SseSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Sends the request from 127.0.0.{@code clientHost}; does not wait for the answer. */
    static SseSocket open(int clientHost, int port, String publicId) {
        try {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) clientHost}), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.getOutputStream()
                    .write(("GET /api/quotes/" + publicId + "/events HTTP/1.1\r\n"
                                    + "Host: localhost\r\nAccept: text/event-stream\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new SseSocket(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status code of the answer, waiting at most {@code timeout} for it. */
    int status(Duration timeout) {
        String line = readLine(timeout);
        if (line == null || !line.startsWith("HTTP/1.1 ")) {
            throw new IllegalStateException("not an HTTP answer: " + line);
        }
        return Integer.parseInt(line.substring(9, 12));
    }

    /** Reads until a line equal to {@code expected}; false when the stream ended first. */
    boolean awaitLine(String expected, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            String line = readLine(Duration.ofNanos(Math.max(1_000_000, end - System.nanoTime())));
            if (line == null) {
                return false;
            }
            if (line.equals(expected)) {
                return true;
            }
        }
        throw new IllegalStateException("no line " + expected + " within " + timeout);
    }

    /** Reads until the server closes the connection; false if it is still open after {@code timeout}. */
    boolean awaitEnd(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try {
                socket.setSoTimeout((int) Math.max(1, (end - System.nanoTime()) / 1_000_000));
                if (in.readLine() == null) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset by the server: ended too
            }
        }
        return false;
    }

    private String readLine(Duration timeout) {
        try {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
