using System.Diagnostics;
using System.Text;
using Multiprocessing.Platform;
using Multiprocessing.Wire;

namespace Multiprocessing.Parent;

/// <summary>
/// The parent's handle on one worker process: its pipes, a thread reading its frames,
/// a thread copying its stderr, and one notice when it is gone.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    readonly Process _process = null!;
    readonly Stream _input = null!;
    readonly ManualResetEventSlim _launched = new();
    readonly Thread _reader;
    readonly Thread _errorReader;
    readonly Action<WorkerProcess, Frame> _onFrame;
    readonly Action<WorkerProcess> _onGone;
    int _gone;
    bool _waitingOnPipe;
    int _disposed;
    int? _exitCode;

    public int Pid { get; }

    /// <summary>
    /// The context the worker's console output is written under: that of the code whose work it is running.
    /// Null writes it under the reader thread's own context.
    /// </summary>
    public ExecutionContext? OutputContext
    {
        get => Volatile.Read(ref _outputContext);
        set => Volatile.Write(ref _outputContext, value);
    }
    ExecutionContext? _outputContext;

    /// <summary>Function ids this worker has received a definition for.</summary>
    public HashSet<int> KnownFunctions { get; } = [];

    WorkerProcess(WorkerMode mode, Action<WorkerProcess, Frame> onFrame, Action<WorkerProcess> onGone)
    {
        _onFrame = onFrame;
        _onGone = onGone;
        // Threads first: Thread.Start waits until the thread runs, which takes milliseconds once
        // new processes keep the CPU busy. They wait for the process to exist.
        _reader = new Thread(ReadFrames) { IsBackground = true, Name = "worker frames" };
        _errorReader = new Thread(CopyErrors) { IsBackground = true, Name = "worker stderr" };
        _reader.Start();
        _errorReader.Start();
        try
        {
            StartupTrace.Mark("parent-start-worker");
            _process = WorkerLauncher.Start(mode);
            StartupTrace.Mark("parent-worker-started");
            Pid = _process.Id;
            _input = _process.StandardInput.BaseStream;
            _process.EnableRaisingEvents = true;
        }
        finally
        {
            _launched.Set(); // on failure the threads find no process and end
        }
    }

    /// <summary>Starts a worker and sends it the setup frame. Frames and the end of the process are reported through the callbacks.</summary>
    public static WorkerProcess Start(WorkerMode mode, FunctionReference? initializer,
        Action<WorkerProcess, Frame> onFrame, Action<WorkerProcess> onGone)
    {
        var worker = new WorkerProcess(mode, onFrame, onGone);
        var setup = new SetupMessage(AssemblyLocator.LoadedAssemblyPaths(), initializer);
        worker.TrySend(MessageKind.Setup, setup.Write());
        worker._process.Exited += (_, _) => worker.OnExited();
        if (worker.HasExited) // exited before the handler was attached
            worker.OnExited();
        return worker;
    }

    /// <summary>True once the process has ended (or this handle was disposed).</summary>
    public bool HasExited => ExitCode is not null || _disposed != 0;

    /// <summary>The exit code, or null while running.</summary>
    public int? ExitCode
    {
        get
        {
            if (_exitCode is null && _disposed == 0)
                try { _exitCode = _process.HasExited ? _process.ExitCode : null; }
                catch (InvalidOperationException) { } // disposed meanwhile
            return _exitCode;
        }
    }

    /// <summary>Sends a frame; returns false when the worker is already gone.</summary>
    public bool TrySend(MessageKind kind, ReadOnlySpan<byte> payload)
    {
        try
        {
            Frame.Write(_input, kind, payload);
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Stops the process at once (SIGKILL).</summary>
    public void Kill()
    {
        try { _process.Kill(); }
        catch (InvalidOperationException) { } // already exited, or disposed
    }

    /// <summary>Asks the process to stop (SIGTERM on Unix, a kill on Windows).</summary>
    public void Terminate()
    {
        if (OperatingSystem.IsWindows())
            Kill();
        else if (!HasExited)
            NativeMethods.kill(Pid, NativeMethods.SIGTERM);
    }

    /// <summary>Waits for the process to end and for its output to be read; false on timeout.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            if (!_process.WaitForExit(timeout))
                return false;
        }
        catch (InvalidOperationException) { } // disposed: it had exited
        var left = timeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan
            : timeout - clock.Elapsed > TimeSpan.Zero ? timeout - clock.Elapsed : TimeSpan.Zero;
        // Output still in the pipe is printed before Join returns. A grandchild holding the pipe open
        // could keep the reader waiting, so after exit only an idle reader is given up on.
        while (!_reader.Join(left == Timeout.InfiniteTimeSpan ? TimeSpan.FromMilliseconds(500) : left))
            if (left != Timeout.InfiniteTimeSpan || Volatile.Read(ref _waitingOnPipe))
                break;
        _errorReader.Join(TimeSpan.FromMilliseconds(500));
        return true;
    }

    bool WaitForLaunch()
    {
        _launched.Wait();
        return _process is not null;
    }

    void ReadFrames()
    {
        if (!WaitForLaunch())
            return;
        var output = new BufferedStream(_process.StandardOutput.BaseStream, 1 << 16); // one read call takes several frames
        try
        {
            while (ReadFrame(output) is { } frame)
            {
                if (frame.Kind == MessageKind.Output)
                    WriteUnderOutputContext(Encoding.UTF8.GetString(frame.Payload), error: false);
                else
                    _onFrame(this, frame);
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ObjectDisposedException)
        {
            Kill(); // a corrupt stream cannot be trusted
        }
        finally
        {
            output.Dispose(); // Process.Dispose does not close a stream read directly
        }
        // End of stream: the process closed stdout, which it does only by exiting.
        WaitForProcess(TimeSpan.FromSeconds(1));
        ReportGone();
    }

    /// <summary>Reads a frame, noting while it waits on the pipe, which is when an exited worker's reader may be given up on.</summary>
    Frame? ReadFrame(Stream output)
    {
        Volatile.Write(ref _waitingOnPipe, true);
        try { return Frame.Read(output); }
        finally { Volatile.Write(ref _waitingOnPipe, false); }
    }

    /// <summary>Hands output to <see cref="WorkerOutput.Route"/> with the context of the work it belongs to.</summary>
    void WriteUnderOutputContext(string text, bool error) => WorkerOutput.Send(text, error, OutputContext);

    void CopyErrors()
    {
        if (!WaitForLaunch())
            return;
        var errors = _process.StandardError;
        try
        {
            while (errors.ReadLine() is { } line)
                WriteUnderOutputContext(line + Environment.NewLine, error: true);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException) { }
        finally
        {
            errors.Dispose();
        }
    }

    /// <summary>A grandchild may hold stdout open after the worker died, so exit alone also counts, once the last frames are read.</summary>
    /// <remarks>
    /// Process.WaitForExit raises Exited on the waiting thread while holding the process lock,
    /// so waiting here for the reader (itself in WaitForExit) would stall both; wait elsewhere.
    /// </remarks>
    void OnExited() => ThreadPool.QueueUserWorkItem(_ =>
    {
        // A reader busy with frames (a slow console, the pool's lock) is still delivering results: wait for it.
        while (!_reader.Join(TimeSpan.FromMilliseconds(500)))
            if (Volatile.Read(ref _waitingOnPipe))
            {
                ReportGone();
                return;
            }
    });

    void ReportGone()
    {
        if (Interlocked.Exchange(ref _gone, 1) == 0)
            _onGone(this);
    }

    void WaitForProcess(TimeSpan timeout)
    {
        try { _process.WaitForExit(timeout); }
        catch (InvalidOperationException) { }
    }

    /// <summary>Kills the process if it still runs, waits for it, and releases its pipes. Safe to call more than once.</summary>
    public void Dispose()
    {
        if (_disposed != 0)
            return;
        Kill();
        WaitForProcess(TimeSpan.FromSeconds(5));
        _ = ExitCode; // keep it for later questions
        _errorReader.Join(TimeSpan.FromSeconds(1)); // let the last stderr lines through
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        try { _input.Dispose(); } catch (IOException) { }
        _process.Dispose();
    }
}
