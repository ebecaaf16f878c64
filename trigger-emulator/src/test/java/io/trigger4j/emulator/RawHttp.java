package io.trigger4j.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One raw HTTP/1.1 connection to the emulator, for bytes an HTTP client would refuse to
 * send and for several requests on one kept-alive connection. Every read is bounded by a
 * timeout, so a request the emulator never answers fails the test within seconds.
 */
final class RawHttp implements AutoCloseable {

	/** The longest a test waits for any byte of an answer. */
	static final int READ_TIMEOUT_MILLIS = 5000;

	private static final java.util.regex.Pattern STATUS_LINE = java.util.regex.Pattern
		.compile("^HTTP/\\d\\.\\d (\\d{3})");

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	RawHttp(int port) {
		this(port, READ_TIMEOUT_MILLIS);
	}

	RawHttp(int port, int readTimeoutMillis) {
		try {
			this.socket = new Socket("127.0.0.1", port);
			this.socket.setSoTimeout(readTimeoutMillis);
			this.socket.setTcpNoDelay(true);
			this.in = new java.io.BufferedInputStream(this.socket.getInputStream());
			this.out = this.socket.getOutputStream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * An answer: its status (-1 when the connection closed or was reset before a status
	 * line, -2 when nothing came within the read timeout), headers (lower-case names) and
	 * body.
	 */
	record Answer(int status, Map<String, String> headers, String body) {

		static final int CLOSED = -1;

		static final int HELD = -2;

		String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		boolean closes() {
			return "close".equalsIgnoreCase(header("connection"));
		}

	}

	/**
	 * Sends the bytes; a peer that closed first is not an error (it may have answered).
	 */
	RawHttp send(byte[] request) {
		try {
			this.out.write(request);
			this.out.flush();
		}
		catch (IOException ex) {
			// The emulator may answer and close before reading everything.
		}
		return this;
	}

	RawHttp send(String request) {
		return send(request.getBytes(StandardCharsets.ISO_8859_1));
	}

	/** Sends the request and reads its answer. */
	Answer exchange(String request) {
		return send(request).read();
	}

	/** Reads one answer: status line, headers and a body framed by length or chunks. */
	Answer read() {
		try {
			String statusLine = line();
			if (statusLine == null) {
				return new Answer(Answer.CLOSED, Map.of(), "");
			}
			java.util.regex.Matcher matcher = STATUS_LINE.matcher(statusLine);
			if (!matcher.find()) {
				return new Answer(Answer.CLOSED, Map.of(), statusLine);
			}
			Map<String, String> headers = new LinkedHashMap<>();
			for (String line = line(); line != null && !line.isEmpty(); line = line()) {
				int colon = line.indexOf(':');
				if (colon > 0) {
					headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
							line.substring(colon + 1).trim());
				}
			}
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			String length = headers.get("content-length");
			if (length != null) {
				body.writeBytes(this.in.readNBytes(Integer.parseInt(length)));
			}
			else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(),
						16)) {
					body.writeBytes(this.in.readNBytes(size));
					line();
				}
				line();
			}
			else if ("close".equalsIgnoreCase(headers.get("connection"))) {
				try {
					body.writeBytes(this.in.readAllBytes());
				}
				catch (SocketTimeoutException ex) {
					return new Answer(Answer.HELD, headers, "status " + matcher.group(1) + " then nothing");
				}
			}
			return new Answer(Integer.parseInt(matcher.group(1)), headers, body.toString(StandardCharsets.UTF_8));
		}
		catch (SocketTimeoutException ex) {
			return new Answer(Answer.HELD, Map.of(), "");
		}
		catch (SocketException ex) {
			return new Answer(Answer.CLOSED, Map.of(), "");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Whether the emulator closed the connection (read gives end of stream or a reset).
	 */
	boolean closedByPeer() {
		try {
			return this.in.read() < 0;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	private String line() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b = this.in.read();
		if (b < 0) {
			return null;
		}
		while (b >= 0 && b != '\n') {
			if (b != '\r') {
				line.write(b);
			}
			b = this.in.read();
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// Closing anyway.
		}
	}

}
