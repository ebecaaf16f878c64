package io.trigger4j.emulator.engine;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Offloaded packets (large payloads and outputs), by storage path: what a presigned
 * upload stored, read back by a presigned download and by a trigger whose payload is
 * {@code application/store}. Bounded: a packet at most {@link #MAX_PACKET_BYTES}, all of
 * them at most {@link #MAX_TOTAL_BYTES}, at most {@link #MAX_PACKETS} of them (413 past
 * any; replacing a packet is always allowed within the sizes). Independent of the
 * engine's lock and time: any thread may call it.
 */
public final class Packets {

	/** The largest packet stored: 100 MiB. */
	public static final int MAX_PACKET_BYTES = 100 * 1024 * 1024;

	/** The most bytes all packets together take: 512 MiB. */
	public static final long MAX_TOTAL_BYTES = 512L * 1024 * 1024;

	/**
	 * The most packets stored: empty ones take no bytes but their paths still take
	 * memory.
	 */
	public static final int MAX_PACKETS = 10_000;

	private final Map<String, Packet> packets = new HashMap<>();

	private long totalBytes;

	Packets(Engine engine) {
		Objects.requireNonNull(engine, "engine must not be null");
	}

	/**
	 * Stores a packet, replacing the one at the path. 413 "Packet too large" over
	 * {@link #MAX_PACKET_BYTES}; 413 "Packet store full" when the packets together would
	 * pass {@link #MAX_TOTAL_BYTES} or a new path would make more than
	 * {@link #MAX_PACKETS}.
	 * @param path the packet's storage path, as the presigned URL names it
	 * @param contentType the content type the upload sent
	 * @param bytes the packet; the store keeps it and never changes it, so the caller
	 * must not either
	 */
	public synchronized void put(String path, String contentType, byte[] bytes) {
		Objects.requireNonNull(path, "path must not be null");
		Objects.requireNonNull(contentType, "contentType must not be null");
		Objects.requireNonNull(bytes, "bytes must not be null");
		if (bytes.length > MAX_PACKET_BYTES) {
			throw new EngineException(413, "Packet too large");
		}
		Packet previous = this.packets.get(path);
		long total = this.totalBytes - ((previous != null) ? previous.bytes.length : 0) + bytes.length;
		if (total > MAX_TOTAL_BYTES || (previous == null && this.packets.size() >= MAX_PACKETS)) {
			throw new EngineException(413, "Packet store full");
		}
		this.packets.put(path, new Packet(contentType, bytes));
		this.totalBytes = total;
	}

	/**
	 * Stores a packet unless one is at the path already; as {@link #put}.
	 * @param path the packet's storage path
	 * @param contentType the packet's content type
	 * @param bytes the packet, kept as it is (the caller must not change it)
	 */
	public synchronized void putIfAbsent(String path, String contentType, byte[] bytes) {
		if (!this.packets.containsKey(path)) {
			put(path, contentType, bytes);
		}
	}

	/** Forgets every packet. */
	synchronized void reset() {
		this.packets.clear();
		this.totalBytes = 0;
	}

	/**
	 * Looks a packet up.
	 * @param path the packet's storage path
	 * @return the packet, or empty if none was stored there
	 */
	public synchronized Optional<Stored> find(String path) {
		Packet packet = this.packets.get(path);
		return (packet != null)
				? Optional.of(new Stored(packet.contentType, ByteBuffer.wrap(packet.bytes).asReadOnlyBuffer()))
				: Optional.empty();
	}

	/**
	 * A stored packet.
	 *
	 * @param contentType its content type as uploaded
	 * @param bytes its bytes, read-only
	 */
	public record Stored(String contentType, ByteBuffer bytes) {

		/**
		 * {@return a copy of the bytes}
		 */
		public byte[] toByteArray() {
			byte[] copy = new byte[this.bytes.remaining()];
			this.bytes.duplicate().get(copy);
			return copy;
		}

	}

	private record Packet(String contentType, byte[] bytes) {
	}

}
