package io.trigger4j.emulator.engine;

import java.time.Instant;

/** The server's run-ops ids. */
final class Ids {

	private static final char[] BASE32HEX = "0123456789abcdefghijklmnopqrstuv".toCharArray();

	private Ids() {
	}

	/**
	 * {@code prefix} + 24 base32hex chars (6-byte ms time, 9-byte sequence) + region
	 * {@code e} + version {@code 1}; ids of one prefix sort as (time, sequence).
	 */
	static String newId(String prefix, Instant now, long sequence) {
		byte[] bytes = new byte[15];
		long millis = Times.epochMillis(now);
		for (int i = 5; i >= 0; i--) {
			bytes[i] = (byte) (millis & 0xff);
			millis >>>= 8;
		}
		long seq = sequence;
		for (int i = 14; i >= 6; i--) {
			bytes[i] = (byte) (seq & 0xff);
			seq >>>= 8;
		}
		StringBuilder id = new StringBuilder(prefix.length() + 26).append(prefix);
		int buffer = 0;
		int bits = 0;
		for (byte b : bytes) {
			buffer = (buffer << 8) | (b & 0xff);
			bits += 8;
			while (bits >= 5) {
				id.append(BASE32HEX[(buffer >>> (bits - 5)) & 31]);
				bits -= 5;
			}
		}
		return id.append("e1").toString();
	}

}
