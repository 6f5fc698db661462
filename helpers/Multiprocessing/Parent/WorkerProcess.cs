using System.Diagnostics;
using System.Text;
using Multiprocessing.Platform;
using Multiprocessing.Wire;
using Multiprocessing.Hosting;

namespace Multiprocessing.Parent;

/// <summary>
/// The parent's handle on one worker process: its pipes, a thread reading its frames, threads copying its stdout and
/// stderr, a deadline for its start, and one notice when it is gone.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    /// <summary>
    /// How long a worker may take from its start to its <c>Main</c> (the Started frame): the runtime's own start, tens of
    /// milliseconds, seconds on a busy machine. Past it the worker is killed and its pool broken, with what it wrote.
    /// A pool's initializer runs after this, with no limit. Tests shorten it, in a process of their own.
    /// </summary>
    internal static TimeSpan StartDeadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Lines of output kept for the error of a worker that never got ready.</summary>
    const int EarlyOutputLines = 20;

    readonly Process _process = null!;
    readonly ChildPipes _pipes = null!;
    readonly ManualResetEventSlim _launched = new();
    readonly Thread _reader;
    readonly Thread _outputReader;
    readonly Thread _errorReader;
    readonly Timer? _deadline;
    readonly Action<WorkerProcess, Frame> _onFrame;
    readonly Action<WorkerProcess> _onGone;
    readonly WorkerMode _mode;
    readonly List<string> _earlyOutput = [];
    volatile bool _started;
    volatile bool _ready;
    volatile string? _failure;
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

    WorkerProcess(WorkerMode mode, ParentCulture culture, Action<WorkerProcess, Frame> onFrame, Action<WorkerProcess> onGone)
    {
        _mode = mode;
        _onFrame = onFrame;
        _onGone = onGone;
        // Threads first: Thread.Start waits until the thread runs, which takes milliseconds once
        // new processes keep the CPU busy. They wait for the process to exist.
        _reader = new Thread(ReadFrames) { IsBackground = true, Name = "worker frames" };
        _outputReader = new Thread(() => CopyLines(error: false)) { IsBackground = true, Name = "worker stdout" };
        _errorReader = new Thread(() => CopyLines(error: true)) { IsBackground = true, Name = "worker stderr" };
        _reader.Start();
        _outputReader.Start();
        _errorReader.Start();
        try
        {
            StartupTrace.Mark("parent-start-worker");
            (_process, _pipes) = WorkerLauncher.Start(mode, culture);
            StartupTrace.Mark("parent-worker-started");
            Pid = _process.Id;
            _process.EnableRaisingEvents = true;
            _deadline = new Timer(_ => OnStartDeadline(), null, StartDeadline, Timeout.InfiniteTimeSpan);
        }
        finally
        {
            _launched.Set(); // on failure the threads find no process and end
        }
    }

    /// <summary>Starts a worker in <paramref name="culture"/> and sends it the setup frame. Frames and the end of the process are reported through the callbacks.</summary>
    public static WorkerProcess Start(WorkerMode mode, ParentCulture culture, FunctionReference? initializer,
        Action<WorkerProcess, Frame> onFrame, Action<WorkerProcess> onGone)
    {
        var worker = new WorkerProcess(mode, culture, onFrame, onGone);
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
            Frame.Write(_pipes.ToChild, kind, payload);
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
        _outputReader.Join(TimeSpan.FromMilliseconds(500));
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
        var output = new BufferedStream(_pipes.FromChild, 1 << 16); // one read call takes several frames
        try
        {
            while (ReadFrame(output) is { } frame)
            {
                if (frame.Kind == MessageKind.Output)
                    WriteUnderOutputContext(Encoding.UTF8.GetString(frame.Payload), error: false);
                else if (frame.Kind == MessageKind.Started)
                    OnStarted();
                else
                {
                    if (frame.Kind is MessageKind.Ready or MessageKind.SetupFailed)
                        _ready = true;
                    _onFrame(this, frame);
                }
            }
        }
        catch (InvalidDataException e)
        {
            _failure ??= $"sent bytes that are not a message of the library's ({e.Message})";
            Kill(); // a corrupt stream cannot be trusted
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            Kill();
        }
        finally
        {
            output.Dispose();
        }
        // End of stream: the worker's end of the pipe closed, which happens only when it exits.
        WaitForProcess(TimeSpan.FromSeconds(1));
        ReportGone();
    }

    void OnStarted()
    {
        _started = true;
        _deadline?.Dispose();
    }

    /// <summary>A worker whose runtime never reached <c>Main</c> in time is killed; the reason goes with the notice of its end.</summary>
    void OnStartDeadline()
    {
        if (_started || HasExited)
            return;
        _failure ??= $"did not start within {StartDeadline.TotalSeconds:0.#} s: the .NET runtime never reached the worker's Main " +
            "(something held it at start: a debugger, a profiler or startup hook set some other way than the variables the " +
            "library drops, or a machine too busy)";
        Kill();
        if (_mode == WorkerMode.Child)
            WriteUnderOutputContext($"Process {Pid} {_failure}, and was killed.{WroteText()}{Environment.NewLine}", error: true);
    }

    /// <summary>Why the parent killed this worker (its start deadline passed, or it sent bytes that are not a frame); null otherwise.</summary>
    public string? Failure => _failure;

    /// <summary>
    /// Why a worker that never got ready is gone, with what it wrote: the pool's error for it. Called once it is gone.
    /// </summary>
    public string DescribeNotReady() => _failure is { } failure
        ? $"Worker process {Pid} {failure}, and was killed.{WroteText()}"
        : $"Worker process {Pid} exited (exit code {ExitCode?.ToString() ?? "unknown"}) before it was ready.{WroteText()}";

    /// <summary>" It wrote: a | b", the first lines of stdout and stderr it wrote before it was ready, or " It wrote nothing."</summary>
    string WroteText()
    {
        lock (_earlyOutput)
            return _earlyOutput.Count == 0 ? " It wrote nothing." : " It wrote: " + string.Join(" | ", _earlyOutput);
    }

    /// <summary>Reads a frame, noting while it waits on the pipe, which is when an exited worker's reader may be given up on.</summary>
    Frame? ReadFrame(Stream output)
    {
        Volatile.Write(ref _waitingOnPipe, true);
        try { return Frame.Read(output); }
        finally { Volatile.Write(ref _waitingOnPipe, false); }
    }

    /// <summary>Hands output to the front end (<see cref="IFrontEnd.WriteWorkerOutput"/>) with the context of the work it belongs to.</summary>
    void WriteUnderOutputContext(string text, bool error) => WorkerOutput.Send(text, error, OutputContext);

    /// <summary>
    /// Copies the worker's stdout or stderr, line by line: what a native library, a startup hook or a process it started
    /// wrote there (its <see cref="Console.Out"/> comes as Output frames, in order with its results).
    /// </summary>
    void CopyLines(bool error)
    {
        if (!WaitForLaunch())
            return;
        var reader = error ? _process.StandardError : _process.StandardOutput;
        try
        {
            while (reader.ReadLine() is { } line)
            {
                if (!_ready)
                    lock (_earlyOutput)
                        if (_earlyOutput.Count < EarlyOutputLines)
                            _earlyOutput.Add(line);
                WriteUnderOutputContext(line + Environment.NewLine, error);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException) { }
        finally
        {
            reader.Dispose();
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
        if (Interlocked.Exchange(ref _gone, 1) != 0)
            return;
        _deadline?.Dispose();
        if (ExitCode is not (null or 0))
            DeleteFilesLeft();
        if (!_ready)
        {
            // Its last lines explain why it never got ready; a grandchild holding the pipes open must not delay the notice.
            _outputReader.Join(TimeSpan.FromMilliseconds(500));
            _errorReader.Join(TimeSpan.FromMilliseconds(500));
        }
        _onGone(this);
    }

    /// <summary>
    /// A worker that was killed or crashed could not delete its files (its identity, shared memory it made): delete those
    /// nobody holds now. A process with the same pid in another PID namespace holds its own, so they stay.
    /// </summary>
    void DeleteFilesLeft()
    {
        try { ProcessFiles.DeleteFilesOf(Pid); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // left to the next sweep
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
        _deadline?.Dispose();
        _outputReader.Join(TimeSpan.FromSeconds(1)); // let the last lines through
        _errorReader.Join(TimeSpan.FromSeconds(1));
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _pipes.Dispose();
        _process.Dispose();
    }
}
