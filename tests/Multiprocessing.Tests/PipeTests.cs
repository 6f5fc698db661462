using System.Diagnostics;
using System.Text;

namespace Multiprocessing.Tests;

/// <summary>
/// Python's <c>multiprocessing.Pipe</c> across real processes: CPython's <c>_TestConnection</c> and <c>_TestPoll</c>
/// (Lib/test/_test_multiprocessing.py) case by case where they apply, then the docs' example and end-of-stream.
/// </summary>
public class PipeTests(ProcessPoolFixture fixture) : IClassFixture<ProcessPoolFixture>
{
    static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    readonly ProcessPool _pool = fixture.Pool;

    static ChildProcess Started(Delegate target, params object?[] args)
    {
        var child = new ChildProcess(target, args);
        child.Start();
        return child;
    }

    static TimeSpan Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed;
    }

    [Fact] // _TestConnection.test_connection
    public void Connection()
    {
        var (conn, childConn) = Pipe.Create<int[]>();
        using var _ = conn;
        using var p = Started(MessagingTargets.EchoBytes, childConn);

        int[] seq = [1, 2, 25];
        var msg = Encoding.Latin1.GetBytes("hello world");
        var longMsg = Enumerable.Repeat(msg, 10).SelectMany(b => b).ToArray();

        conn.Send(seq);
        Assert.Equal(seq, Bounded.Run(conn.Recv));

        conn.SendBytes(msg);
        Assert.Equal(msg, Bounded.Run(conn.RecvBytes));
        conn.SendBytes(longMsg);
        Assert.Equal(longMsg, Bounded.Run(conn.RecvBytes));

        Assert.False(conn.Poll());
        Assert.False(conn.Poll(TimeSpan.FromSeconds(-1)));
        var took = Time(() => Assert.False(conn.Poll(Short)));
        Assert.True(took >= Short - TimeSpan.FromMilliseconds(20), $"poll({Short.TotalMilliseconds} ms) returned after {took.TotalMilliseconds:0} ms");

        conn.Send(null!); // Python sends None
        Assert.True(conn.Poll(Bounded.Limit));
        Assert.Null(conn.Recv());

        var reallyBigMsg = new byte[16 * 1024 * 1024]; // 16 MiB, 64 times the buffer
        Random.Shared.NextBytes(reallyBigMsg);
        conn.SendBytes(reallyBigMsg);
        Assert.Equal(reallyBigMsg, Bounded.Run(conn.RecvBytes));

        conn.SendBytes([]); // tell the child to quit
        childConn.Close();

        Assert.True(conn.Readable);
        Assert.True(conn.Writable);
        Assert.Throws<EndOfStreamException>(() => Bounded.Run(conn.Recv));
        Assert.Throws<EndOfStreamException>(() => Bounded.Run(conn.RecvBytes));
        Assert.True(p.Join(Bounded.Limit));
    }

    [Fact] // _TestConnection.test_duplex_false
    public void OneWay()
    {
        var (reader, writer) = Pipe.Create<int>(duplex: false);
        using (reader)
        using (writer)
        {
            writer.Send(1);
            Assert.Equal(1, reader.Recv());
            Assert.True(reader.Readable);
            Assert.False(reader.Writable);
            Assert.False(writer.Readable);
            Assert.True(writer.Writable);
            var error = Assert.Throws<NotSupportedException>(() => reader.Send(2)); // Python: OSError
            Assert.Contains("only receives", error.Message);
            Assert.Throws<NotSupportedException>(() => writer.Recv());
            Assert.Throws<NotSupportedException>(() => writer.Poll());
        }
    }

    [Fact] // _TestConnection.test_spawn_close: the parent closes the child's end right after starting it
    public void TheParentMayCloseTheChildsEndAtOnce()
    {
        var (conn, childConn) = Pipe.Create<int[]>();
        using var _ = conn;
        using var p = Started(MessagingTargets.EchoBytes, childConn);
        childConn.Close(); // this may complete before the child opens its end

        var msg = "hello"u8.ToArray();
        conn.SendBytes(msg);
        Assert.Equal(msg, Bounded.Run(conn.RecvBytes));
        conn.SendBytes([]);
        Assert.Throws<EndOfStreamException>(() => Bounded.Run(conn.RecvBytes)); // the child closed its end and ended
        Assert.True(p.Join(Bounded.Limit));
    }

    [Fact] // _TestConnection.test_sendbytes
    public void SendBytesWithOffsetAndSize()
    {
        var msg = Encoding.Latin1.GetBytes("abcdefghijklmnopqrstuvwxyz");
        var (a, b) = Pipe.Create<string>();
        using (a)
        using (b)
        {
            a.SendBytes(msg);
            Assert.Equal(msg, b.RecvBytes());
            a.SendBytes(msg, 5);
            Assert.Equal(msg[5..], b.RecvBytes());
            a.SendBytes(msg, 7, 8);
            Assert.Equal(msg[7..15], b.RecvBytes());
            a.SendBytes(msg, 26);
            Assert.Empty(b.RecvBytes());
            a.SendBytes(msg, 26, 0);
            Assert.Empty(b.RecvBytes());

            Assert.Throws<ArgumentOutOfRangeException>(() => a.SendBytes(msg, 27));
            Assert.Throws<ArgumentOutOfRangeException>(() => a.SendBytes(msg, 22, 5));
            Assert.Throws<ArgumentOutOfRangeException>(() => a.SendBytes(msg, 26, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => a.SendBytes(msg, -1));
            Assert.Throws<ArgumentOutOfRangeException>(() => a.SendBytes(msg, 4, -1));
            Assert.False(b.Poll(), "a refused send sent something");
        }
    }

    [Fact] // _TestConnection.test_context
    public void AUsingBlockClosesBothEnds()
    {
        var (a, b) = Pipe.Create<int>();
        using (a)
        using (b)
        {
            a.Send(1729);
            Assert.Equal(1729, b.Recv());
            Assert.False(a.Closed);
            Assert.False(b.Closed);
        }
        Assert.True(a.Closed);
        Assert.True(b.Closed);
        Assert.Throws<ObjectDisposedException>(() => a.Recv()); // Python: OSError
        Assert.Throws<ObjectDisposedException>(() => b.Recv());
    }

    [Fact] // _TestPoll.test_empty_string
    public void AnEmptyMessageIsAMessage()
    {
        var (a, b) = Pipe.Create<string>();
        using (a)
        using (b)
        {
            Assert.False(a.Poll());
            b.SendBytes([]);
            Assert.True(a.Poll());
            Assert.True(a.Poll());
            Assert.Empty(a.RecvBytes());
        }
    }

    [Fact] // _TestPoll.test_strings
    public void PollSeesEachMessageAsItComes()
    {
        string[] strings = ["hello", "", "a", "b", "", "bye", "", "lop"];
        var (a, b) = Pipe.Create<string>();
        using var _ = a;
        using var p = Started(MessagingTargets.SendStringsSlowly, b, strings);
        b.Close();
        foreach (var s in strings)
        {
            for (int i = 0; i < 2000 && !a.Poll(TimeSpan.FromMilliseconds(10)); i++) { }
            Assert.Equal(s, Encoding.UTF8.GetString(a.RecvBytes()));
        }
        Assert.True(p.Join(Bounded.Limit));
    }

    [Fact] // _TestPoll.test_boundaries: polling in one process takes no part of a message from another
    public void PollTakesNothing()
    {
        var (r, w) = Pipe.Create<string>(duplex: false);
        using var _ = r;
        using var p = Started(MessagingTargets.PollOnce, r);
        Thread.Sleep(200); // CPython sleeps 2 s, so the child is polling before anything is sent
        byte[][] sent = ["first"u8.ToArray(), "second"u8.ToArray()];
        foreach (var message in sent)
            w.SendBytes(message);
        w.Close();
        Assert.True(p.Join(Bounded.Limit));
        Assert.Equal(sent[0], r.RecvBytes());
        Assert.Equal(sent[1], r.RecvBytes());
    }

    [Fact] // _TestPoll.test_dont_merge
    public void MessagesAreNeverMerged()
    {
        var (a, b) = Pipe.Create<string>();
        using var _ = a;
        Assert.False(a.Poll(TimeSpan.Zero));
        Assert.False(a.Poll(Short));
        using var p = Started(MessagingTargets.SendThreeMessages, b);
        Assert.Equal("a"u8.ToArray(), Bounded.Run(a.RecvBytes));
        Assert.True(a.Poll(TimeSpan.FromSeconds(1)));
        Assert.True(a.Poll(TimeSpan.FromSeconds(1)));
        Assert.Equal("b"u8.ToArray(), a.RecvBytes());
        Assert.True(a.Poll(TimeSpan.FromSeconds(1)));
        Assert.True(a.Poll(TimeSpan.Zero));
        Assert.Equal("cd"u8.ToArray(), a.RecvBytes());
        Assert.True(p.Join(Bounded.Limit));
        b.Close();
    }

    [Fact] // the Python docs' Pipe example, line for line
    public void TheDocsExample()
    {
        var (parentConn, childConn) = Pipe.Create<Greeting>();
        using var p = new ChildProcess(MessagingTargets.SendGreeting, childConn);
        p.Start();
        Assert.Equal(new Greeting(42, null, "hello"), Bounded.Run(parentConn.Recv)); // print(parent_conn.recv())
        Assert.True(p.Join(Bounded.Limit));
        parentConn.Close();
        childConn.Close();
    }

    [Fact]
    public void EndOfStreamComesOnlyOnceThisProcessClosedItsCopyToo()
    {
        var (reader, writer) = Pipe.Create<int>(duplex: false);
        using var _ = reader;
        using var child = Started(MessagingTargets.SendNumbers, writer, 3);
        Assert.True(child.Join(Bounded.Limit));
        Assert.Equal([0, 1, 2], new[] { reader.Recv(), reader.Recv(), reader.Recv() });
        // As with Python's pipes, this process's own copy of the sending end keeps the pipe open.
        Assert.False(reader.Poll(TimeSpan.FromMilliseconds(100)), "Poll saw the end while this process still had the sending end open");
        writer.Close();
        Assert.True(reader.Poll(TimeSpan.Zero)); // a read would not wait: it raises end-of-stream
        var error = Assert.Throws<EndOfStreamException>(() => reader.Recv());
        Assert.Contains("closed in every process", error.Message);
    }

    [Fact]
    public void SendingToAPipeWhoseOtherEndIsClosedRaisesBrokenPipe()
    {
        var (a, b) = Pipe.Create<int>();
        using var _ = a;
        b.Close();
        var error = Assert.Throws<IOException>(() => a.Send(1)); // Python: BrokenPipeError
        Assert.Contains("Broken pipe", error.Message);
    }

    [Fact]
    public void APoolTaskSendsThroughThePipe()
    {
        var (reader, writer) = Pipe.Create<int>(duplex: false);
        using var _ = reader;
        using (writer)
            Assert.Equal([1, 2], Bounded.Run(() => _pool.Starmap(MessagingTargets.SendFromTask, [(writer, 1), (writer, 2)], chunksize: 1)));
        Assert.Equal([1, 2], new[] { reader.Recv(), reader.Recv() }.Order());
        // The tasks' copies were closed when the tasks ended, and this process closed its own: end of stream.
        Assert.Throws<EndOfStreamException>(() => Bounded.Run(reader.Recv));
    }

    [Fact]
    public void TypedMessagesGoBothWays()
    {
        var (parent, child) = Pipe.Create<string?>();
        using var _ = parent;
        using var echo = Started(MessagingTargets.EchoTexts, child);
        child.Close();
        foreach (var text in new[] { "héllo", "", new string('z', 100_000) })
        {
            parent.Send(text);
            Assert.Equal(text, Bounded.Run(parent.Recv));
        }
        parent.Send(null);
        Assert.Throws<EndOfStreamException>(() => Bounded.Run(parent.Recv));
        Assert.True(echo.Join(Bounded.Limit));
    }
}
