package io.github.mcpstarter.transport.streamable;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.mcpstarter.protocol.JsonRpcCodec;
import io.github.mcpstarter.protocol.JsonRpcMessage;
import io.github.mcpstarter.transport.SseStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The real {@link SseStream} and {@link ResumableStream} with a client whose connection fails: a
 * keep-alive write that fails closes the stream, whose close callback needs the resumable stream,
 * while another thread sends to the same session. Neither may wait on the other.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ResumableStreamDeadlockTests {

	private final JsonRpcCodec codec = new JsonRpcCodec();

	@Test
	void keepAliveWriteFailureWhileAnotherThreadSendsEndsBothAndClosesTheStream() throws Exception {
		CountDownLatch writing = new CountDownLatch(1);
		FailingOutput out = new FailingOutput(writing);
		HttpServletRequest request = mock(HttpServletRequest.class);
		HttpServletResponse response = mock(HttpServletResponse.class);
		AsyncContext async = mock(AsyncContext.class);
		given(request.startAsync(any(), any())).willReturn(async);
		given(response.getOutputStream()).willReturn(out);
		ResumableStream resumable = new ResumableStream(this.codec, 16, 1000);
		SseStream stream = SseStream.openAsync(request, response, "session", resumable::disconnect);
		// Connecting writes the priming event, which succeeds; the next write fails.
		resumable.connect(stream, null);
		out.failFromNowOn();

		CompletableFuture<Boolean> keepAlive = CompletableFuture.supplyAsync(() -> stream.comment("keep-alive"));
		assertThat(writing.await(5, TimeUnit.SECONDS)).as("the keep-alive started writing").isTrue();
		CompletableFuture<Boolean> sender = CompletableFuture.supplyAsync(() -> resumable
			.send(new JsonRpcMessage.Notification("notifications/tools/list_changed", null)));

		keepAlive.get(5, TimeUnit.SECONDS);
		assertThat(sender.get(5, TimeUnit.SECONDS)).isTrue();
		assertThat(stream.isOpen()).isFalse();
	}

	/** Writes fine until told to fail; then each write blocks briefly (a dying connection) and fails. */
	private static final class FailingOutput extends ServletOutputStream {

		private final CountDownLatch writing;

		private volatile boolean failing;

		FailingOutput(CountDownLatch writing) {
			this.writing = writing;
		}

		void failFromNowOn() {
			this.failing = true;
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setWriteListener(WriteListener listener) {
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			if (!this.failing) {
				return;
			}
			this.writing.countDown();
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			throw new IOException("Broken pipe");
		}

	}

}
