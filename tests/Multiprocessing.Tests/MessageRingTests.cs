using System.Buffers;
using Multiprocessing.Sync;

namespace Multiprocessing.Tests;

/// <summary>
/// The ring under queues and pipes, in one process with threads: every message arrives whole and in order across the
/// ring's end, chunked or not, with a waiting that sleeps on a futex and with the 1 ms naps macOS and Windows use.
/// </summary>
public class MessageRingTests
{
    /// <summary>Sizes that cross every boundary: empty, under and over a chunk (a quarter of 4 KiB), and many times the ring.</summary>
    static readonly int[] Sizes = [0, 1, 3, 4, 5, 1019, 1020, 1021, 4095, 4096, 4097, 10_000, 50_000, 7, 2, 100];

    static byte[] Message(int index, int length)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
            bytes[i] = (byte)(index * 31 + i);
        return bytes;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MessagesOfEverySizeArriveWholeAndInOrder(bool polling)
    {
        using var queue = new SharedQueue<int>(bufferSize: 4096);
        var ring = queue.Ring;
        var watch = new NoWatch();
        const int rounds = 40;
        var received = new List<byte[]>();
        bool timedOut = false;
        var reader = new Thread(() =>
        {
            AddressWait.PollOnThisThread = polling;
            var buffer = new ArrayBufferWriter<byte>();
            for (int i = 0; i < rounds * Sizes.Length && !timedOut; i++)
            {
                timedOut = !ring.Read(buffer, Deadline.After(Bounded.Limit), watch);
                received.Add(buffer.WrittenSpan.ToArray());
            }
        }) { IsBackground = true };
        reader.Start();
        AddressWait.PollOnThisThread = polling;
        try
        {
            for (int round = 0, index = 0; round < rounds; round++)
                foreach (var size in Sizes)
                    Assert.True(ring.Write(Message(index++, size), Deadline.After(Bounded.Limit), 0, watch));
        }
        finally
        {
            AddressWait.PollOnThisThread = false;
        }
        Assert.True(reader.Join(Bounded.Limit), "the reader did not get every message");
        Assert.False(timedOut, "a Read found no message");
        for (int index = 0; index < received.Count; index++)
            Assert.Equal(Message(index, Sizes[index % Sizes.Length]), received[index]);
        Assert.Equal(0, ring.Messages);
    }

    [Fact]
    public void ANonBlockingPutFailsAtOnceWhenAnotherPutterWaitsForRoom()
    {
        using var queue = new SharedQueue<int>(maxsize: 1);
        queue.Put(1);
        Exception? waitingPut = null;
        var waiting = new Thread(() =>
        {
            try { queue.Put(2, timeout: TimeSpan.FromSeconds(2)); }
            catch (Exception e) { waitingPut = e; }
        }) { IsBackground = true };
        waiting.Start();
        SpinWait.SpinUntil(() => queue.Ring.WriteLockHolder != 0, Bounded.Limit);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Throws<QueueFullException>(() => queue.PutNoWait(3));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"PutNoWait waited {clock.Elapsed.TotalMilliseconds:0} ms behind a waiting Put");
        Assert.True(waiting.Join(Bounded.Limit));
        Assert.IsType<QueueFullException>(waitingPut);
    }

    [Fact]
    public void ClosingAQueueWakesAGetWaitingOnAnotherThread()
    {
        var queue = new SharedQueue<int>();
        Exception? error = null;
        var getter = new Thread(() =>
        {
            try { queue.Get(); }
            catch (Exception e) { error = e; }
        }) { IsBackground = true };
        getter.Start();
        SpinWait.SpinUntil(() => queue.Ring.ReadLockHolder != 0, Bounded.Limit);
        queue.Close();
        Assert.True(getter.Join(Bounded.Limit), "the Get went on waiting on a closed queue");
        Assert.IsType<ObjectDisposedException>(error);
    }

    sealed class NoWatch : IRingWatch
    {
        public Exception? WhileWaitingForRoom() => null;

        public Exception? WhileWaitingForData() => null;
    }
}
