package io.trigger4j.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import reactor.netty.NettyPipeline;

/**
 * The handlers each connection of the emulator's servers gets, around the HTTP codec: the
 * read timeout (a request not fully received within it, from its first byte to its last,
 * is answered {@code 408} and its connection closed, as the Node http server behind the
 * real API does), the faults that hit an answer after its route ran
 * ({@link Fault#afterServed()}), and the close a request asks for ({@code Connection:
 * close}): the routes' server sees that request kept alive, and this guard answers it
 * with {@code Connection: close} and closes once the answer is written, so that Reactor
 * Netty does not drop it when it arrives before the previous exchange has ended.
 */
final class ConnectionGuard {

	/** The after-served fault waiting for the answer of the connection's request. */
	static final AttributeKey<Fault> ANSWER_FAULT = AttributeKey.valueOf("trigger4j.emulator.answerFault");

	/** The guard of a connection, for the emulator's shutdown. */
	static final AttributeKey<ConnectionGuard> GUARD = AttributeKey.valueOf("trigger4j.emulator.guard");

	/** What Node's http server writes when a request times out. */
	private static final byte[] REQUEST_TIMEOUT = "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n"
		.getBytes(StandardCharsets.US_ASCII);

	/** The body of a {@link Fault.Body#MALFORMED_JSON} answer. */
	private static final String MALFORMED_JSON = "{\"id\":\"run_<html>Bad Gateway</html>";

	/** How many pieces a slow body is sent in. */
	private static final int SLOW_PIECES = 10;

	private final long timeoutMillis;

	/** Whether a request has begun arriving and has not arrived in full. */
	private boolean receiving;

	/** Requests handed to the routes. */
	private int forwarded;

	/** Answers whose status line has been written (or held by a fault). */
	private int begun;

	/** Answers written to their last part. */
	private int completed;

	/**
	 * Whether the codec failed: it decodes nothing more on this connection, so it closes
	 * once the answers before the failure are written (and the failure's own answer, when
	 * {@link #failureStatus} is set).
	 */
	private boolean broken;

	/** The answers to write before the connection closes, when broken or stopping. */
	private int closeAfter;

	/** The status answering a request the codec failed on, or 0. */
	private int failureStatus;

	/** Whether the connection closes (or has) and writes nothing more of the routes'. */
	private boolean closing;

	/** Whether the routes' writes are dropped (their answer was replaced or lost). */
	private boolean discarding;

	private @Nullable Fault fault;

	/** Whether the routes' writes wait: an answer is held by a fault. */
	private boolean holding;

	/** Whether a slow body is being sent. */
	private boolean trickling;

	/**
	 * Whether the request being received asked for its connection to close after its
	 * answer ({@code Connection: close}, or HTTP/1.0 without keep-alive).
	 */
	private boolean lastRequest;

	private final Requests requestsHandler = new Requests();

	private final List<Held> held = new ArrayList<>();

	private @Nullable ScheduledFuture<?> timer;

	private @Nullable ChannelHandlerContext raw;

	private @Nullable ChannelHandlerContext requests;

	private ConnectionGuard(Duration readTimeout) {
		this.timeoutMillis = Math.max(1, readTimeout.toMillis());
	}

	/** Adds the handlers to a new connection of an HTTP/1.1 server. */
	static void install(Channel channel, Duration readTimeout) {
		if (channel.pipeline().get(NettyPipeline.HttpCodec) == null) {
			return;
		}
		ConnectionGuard guard = new ConnectionGuard(readTimeout);
		channel.attr(GUARD).set(guard);
		channel.pipeline().addFirst("trigger4j.rawReads", guard.new RawReads());
		channel.pipeline().addAfter(NettyPipeline.HttpCodec, "trigger4j.requests", guard.requestsHandler);
	}

	/**
	 * Closes the connection for the emulator's shutdown, on its event loop: at once when
	 * no answer is being written, else as soon as the one being written is complete (an
	 * answer not begun, such as a held realtime request, is never begun).
	 */
	static void shutdown(Channel channel) {
		ConnectionGuard guard = channel.attr(GUARD).get();
		if (guard == null) {
			channel.close();
			return;
		}
		channel.eventLoop().execute(guard::shutdown);
	}

	/** The error body of an injected status, as the emulator's other errors. */
	static String faultBody(int status) {
		String message = switch (status) {
			case 429 -> "Rate limit exceeded";
			case 500 -> "Internal Server Error";
			case 502 -> "Bad Gateway";
			case 503 -> "Service Unavailable";
			case 504 -> "Gateway Timeout";
			default -> "Injected fault";
		};
		return "{\"error\":\"" + message + "\"}";
	}

	private void begin(ChannelHandlerContext ctx) {
		this.receiving = true;
		this.timer = ctx.executor().schedule(this::timedOut, this.timeoutMillis, TimeUnit.MILLISECONDS);
	}

	private void received() {
		this.receiving = false;
		cancel();
	}

	private void cancel() {
		ScheduledFuture<?> pending = this.timer;
		this.timer = null;
		if (pending != null) {
			pending.cancel(false);
		}
	}

	/** Whether an answer is on its way: begun (or held) and not written in full. */
	private boolean answering() {
		return this.begun > this.completed || this.holding;
	}

	/**
	 * The read timeout: {@code 408} and close, unless an answer is being written, which a
	 * {@code 408} would corrupt (then only close).
	 */
	private void timedOut() {
		ChannelHandlerContext ctx = this.raw;
		this.timer = null;
		if (!this.receiving || ctx == null || !ctx.channel().isActive() || this.closing) {
			return;
		}
		this.receiving = false;
		this.closing = true;
		this.discarding = true;
		if (answering()) {
			ctx.close();
		}
		else {
			ctx.writeAndFlush(Unpooled.wrappedBuffer(REQUEST_TIMEOUT)).addListener(ChannelFutureListener.CLOSE);
		}
	}

	private void shutdown() {
		ChannelHandlerContext ctx = this.requests;
		if (ctx == null || !ctx.channel().isActive() || this.closing) {
			return;
		}
		cancel();
		if (this.begun > this.completed && !this.holding) {
			// The answer being written ends first; nothing else is begun.
			this.broken = true;
			this.closeAfter = this.begun;
			this.failureStatus = 0;
			settle(ctx);
		}
		else {
			this.closing = true;
			this.discarding = true;
			ctx.close();
		}
	}

	/** A request the codec failed on: answered once the answers before it are written. */
	private void failed(ChannelHandlerContext ctx, boolean headers, @Nullable Throwable cause) {
		received();
		this.broken = true;
		if (headers) {
			// Its headers failed: the routes never saw it.
			this.closeAfter = this.forwarded;
			this.failureStatus = statusOf(cause);
		}
		else if (this.begun >= this.forwarded) {
			// Its body failed after its answer began (a route answered without reading
			// it): that answer is the request's.
			this.closeAfter = this.forwarded;
			this.failureStatus = 0;
		}
		else {
			// Its body failed: the route waiting for it is answered 400 instead.
			this.closeAfter = this.forwarded - 1;
			this.failureStatus = 400;
		}
		settle(ctx);
	}

	private static int statusOf(@Nullable Throwable cause) {
		if (cause instanceof TooLongHttpLineException) {
			return 414;
		}
		if (cause instanceof TooLongHttpHeaderException) {
			return 431;
		}
		return 400;
	}

	/** Closes a broken connection once the answers it owes are written. */
	private void settle(ChannelHandlerContext ctx) {
		if (!this.broken || this.closing || this.holding || this.completed < this.closeAfter
				|| this.begun > this.completed) {
			return;
		}
		this.closing = true;
		this.discarding = true;
		if (this.failureStatus == 0) {
			ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
			return;
		}
		FullHttpResponse answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
				HttpResponseStatus.valueOf(this.failureStatus), Unpooled.EMPTY_BUFFER);
		answer.headers()
			.setInt(HttpHeaderNames.CONTENT_LENGTH, 0)
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
	}

	private static boolean informational(Object msg) {
		return msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
	}

	/** Writes a part of a route's answer, counting answers written in full. */
	private void pass(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		boolean last = msg instanceof LastHttpContent && !informational(msg);
		ctx.write(msg, promise);
		if (last) {
			this.completed++;
			settle(ctx);
		}
	}

	/** The held answer goes on, or is replaced by the fault's status, or is lost. */
	private void release(ChannelHandlerContext ctx) {
		Fault injected = this.fault;
		this.fault = null;
		this.holding = false;
		if (this.closing) {
			dropHeld();
			return;
		}
		if (injected == null || (!injected.dropConnection() && injected.status() == 0)) {
			if (injected != null && !this.held.isEmpty() && this.held.get(0).msg() instanceof HttpResponse head) {
				injected.headers().forEach(head.headers()::set);
			}
			List<Held> answers = new ArrayList<>(this.held);
			this.held.clear();
			answers.forEach((answer) -> pass(ctx, answer.msg(), answer.promise()));
			ctx.flush();
			return;
		}
		this.closing = true;
		this.discarding = true;
		dropHeld();
		if (injected.dropConnection()) {
			ctx.close();
			return;
		}
		byte[] body = faultBody(injected.status()).getBytes(StandardCharsets.UTF_8);
		FullHttpResponse replaced = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
				HttpResponseStatus.valueOf(injected.status()), Unpooled.wrappedBuffer(body));
		replaced.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
			.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
		injected.headers().forEach(replaced.headers()::set);
		replaced.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		ctx.writeAndFlush(replaced).addListener(ChannelFutureListener.CLOSE);
	}

	/**
	 * The held answer, complete, goes on with its body broken as the fault says: cut
	 * half-way (then the connection closes), not JSON, or sent slowly.
	 */
	private void rewrite(ChannelHandlerContext ctx, Fault injected) {
		List<Held> answer = new ArrayList<>(this.held);
		this.held.clear();
		this.fault = null;
		HttpResponse original = (HttpResponse) answer.get(0).msg();
		ByteBuf whole = Unpooled.buffer();
		for (Held part : answer) {
			if (part.msg() instanceof HttpContent content) {
				whole.writeBytes(content.content());
			}
			ReferenceCountUtil.release(part.msg());
			part.promise().trySuccess();
		}
		DefaultHttpResponse head = new DefaultHttpResponse(original.protocolVersion(), original.status(),
				original.headers().copy());
		head.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
		injected.headers().forEach(head.headers()::set);
		if (injected.body() == Fault.Body.MALFORMED_JSON) {
			whole.release();
			whole = Unpooled.copiedBuffer(MALFORMED_JSON, StandardCharsets.UTF_8);
		}
		if (whole.readableBytes() == 0) {
			whole.writeBytes("{}".getBytes(StandardCharsets.US_ASCII));
		}
		head.headers()
			.setInt(HttpHeaderNames.CONTENT_LENGTH, whole.readableBytes())
			.set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
		switch (injected.body()) {
			case TRUNCATED -> {
				this.holding = false;
				this.closing = true;
				this.discarding = true;
				ctx.write(head);
				ctx.writeAndFlush(new DefaultHttpContent(whole.readRetainedSlice(whole.readableBytes() / 2)))
					.addListener(ChannelFutureListener.CLOSE);
				whole.release();
			}
			case SLOW -> {
				this.trickling = true;
				ctx.writeAndFlush(head);
				trickle(ctx, whole, injected.latency().toNanos() / SLOW_PIECES, SLOW_PIECES);
			}
			default -> {
				this.holding = false;
				ctx.write(head);
				pass(ctx, new DefaultLastHttpContent(whole), ctx.newPromise());
				ctx.flush();
			}
		}
	}

	/** Sends the body in pieces, one each interval, then what was held meanwhile. */
	private void trickle(ChannelHandlerContext ctx, ByteBuf rest, long intervalNanos, int pieces) {
		ctx.executor().schedule(() -> {
			if (this.closing || !ctx.channel().isActive()) {
				rest.release();
				return;
			}
			if (pieces > 1) {
				ctx.writeAndFlush(new DefaultHttpContent(rest.readRetainedSlice(rest.readableBytes() / pieces)));
				trickle(ctx, rest, intervalNanos, pieces - 1);
				return;
			}
			this.trickling = false;
			this.holding = false;
			pass(ctx, new DefaultLastHttpContent(rest), ctx.newPromise());
			List<Held> later = new ArrayList<>(this.held);
			this.held.clear();
			later.forEach((part) -> write(ctx, part));
			ctx.flush();
		}, intervalNanos, TimeUnit.NANOSECONDS);
	}

	private void write(ChannelHandlerContext ctx, Held part) {
		try {
			this.requestsHandler.write(ctx, part.msg(), part.promise());
		}
		catch (Exception ex) {
			part.promise().tryFailure(ex);
		}
	}

	private void dropHeld() {
		this.held.forEach((answer) -> {
			ReferenceCountUtil.release(answer.msg());
			answer.promise().trySuccess();
		});
		this.held.clear();
	}

	/** First in the pipeline: sees the bytes as they arrive, before any decoding. */
	private final class RawReads extends ChannelInboundHandlerAdapter {

		@Override
		public void handlerAdded(ChannelHandlerContext ctx) {
			ConnectionGuard.this.raw = ctx;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (!ConnectionGuard.this.receiving && !ConnectionGuard.this.broken && !ConnectionGuard.this.closing
					&& msg instanceof ByteBuf bytes && bytes.isReadable()) {
				begin(ctx);
			}
			ctx.fireChannelRead(msg);
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			cancel();
			ConnectionGuard.this.closing = true;
			ConnectionGuard.this.discarding = true;
			ctx.fireChannelInactive();
		}

	}

	/** Just after the HTTP codec: sees requests decoded, answers before encoding. */
	private final class Requests extends ChannelDuplexHandler {

		@Override
		public void handlerAdded(ChannelHandlerContext ctx) {
			ConnectionGuard.this.requests = ctx;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (ConnectionGuard.this.broken || ConnectionGuard.this.closing) {
				// Nothing after a failed request is a request; the connection closes.
				ReferenceCountUtil.release(msg);
				return;
			}
			if (msg instanceof HttpObject decoded && (decoded.decoderResult().isFailure() || http2(msg))) {
				// Answered here, never by the routes' server, which may leave such a
				// request unanswered on a kept-alive connection.
				Throwable cause = decoded.decoderResult().cause();
				ReferenceCountUtil.release(msg);
				failed(ctx, msg instanceof HttpRequest, cause);
				return;
			}
			if (msg instanceof HttpRequest request) {
				ConnectionGuard.this.forwarded++;
				if (!HttpUtil.isKeepAlive(request)) {
					// Reactor Netty (1.3.8) buffers a request that arrives before the
					// previous one's exchange has terminated and, when that request asks
					// to close, never hands it on: it would go unanswered. The routes'
					// server sees it kept alive; this guard closes after its answer.
					ConnectionGuard.this.lastRequest = true;
					HttpUtil.setKeepAlive(request, true);
				}
			}
			boolean last = msg instanceof LastHttpContent;
			if (last) {
				received();
			}
			ctx.fireChannelRead(msg);
			if (last && ConnectionGuard.this.lastRequest && !ConnectionGuard.this.closing) {
				// Nothing after it is read; the connection closes once it is answered.
				ConnectionGuard.this.broken = true;
				ConnectionGuard.this.closeAfter = ConnectionGuard.this.forwarded;
				ConnectionGuard.this.failureStatus = 0;
				settle(ctx);
			}
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			ConnectionGuard.this.closing = true;
			ConnectionGuard.this.discarding = true;
			dropHeld();
			ctx.fireChannelInactive();
		}

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
			if (ConnectionGuard.this.discarding) {
				ReferenceCountUtil.release(msg);
				promise.trySuccess();
				return;
			}
			if (ConnectionGuard.this.holding) {
				ConnectionGuard.this.held.add(new Held(msg, promise));
				Fault injected = ConnectionGuard.this.fault;
				if (msg instanceof LastHttpContent && injected != null && injected.body() != Fault.Body.AS_IS
						&& !ConnectionGuard.this.trickling) {
					rewrite(ctx, injected);
				}
				return;
			}
			if (msg instanceof HttpResponse response && !informational(msg)) {
				ConnectionGuard.this.begun++;
				if (ConnectionGuard.this.lastRequest && ConnectionGuard.this.begun == ConnectionGuard.this.forwarded) {
					response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
				}
				Fault injected = ctx.channel().attr(ANSWER_FAULT).getAndSet(null);
				if (injected != null) {
					ConnectionGuard.this.fault = injected;
					ConnectionGuard.this.holding = true;
					ConnectionGuard.this.held.add(new Held(msg, promise));
					if (injected.body() == Fault.Body.AS_IS) {
						ctx.executor()
							.schedule(() -> release(ctx), injected.latency().toMillis(), TimeUnit.MILLISECONDS);
					}
					else if (msg instanceof LastHttpContent) {
						rewrite(ctx, injected);
					}
					return;
				}
			}
			pass(ctx, msg, promise);
		}

		@Override
		public void flush(ChannelHandlerContext ctx) {
			if (!ConnectionGuard.this.holding && !ConnectionGuard.this.discarding) {
				ctx.flush();
			}
		}

	}

	private static boolean http2(Object msg) {
		return msg instanceof HttpRequest request && request.protocolVersion().majorVersion() == 2;
	}

	private record Held(Object msg, ChannelPromise promise) {
	}

}
